"""`trainer_export.evaluate --split all --stride K` for several models that share one encoder and normalization
(the shipped pronuclear-3's), on one load and one embedding of the dataset: each stride's embeddings are the
stride-1 embeddings of the kept time points (the encoder sees one time point at a time). Writes the same
evaluation folders as the CLI (eval/NAME-strideK) plus each embryo's head probabilities (probs.pt) for
paired bootstraps. Polls for model folders not yet written.
    eval_all.py DATASET OUT NAME=MODEL_DIR... --strides 1,2,3
"""
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, "/work/main/trainer-export")
from trainer_export import evaluation as evaluation_module  # noqa: E402
from trainer_export.bundle import load_bundle, weights_digest  # noqa: E402
from trainer_export.card import write_card  # noqa: E402
from trainer_export.dataset import TrainingSet  # noqa: E402
from trainer_export.evaluation import evaluate_split, summary  # noqa: E402
from trainer_export.runtime import log, resolve_device, setup_logging  # noqa: E402
from trainer_export.training import Sequences, embed, load_split  # noqa: E402

setup_logging()
args = sys.argv[1:]
strides = [int(k) for k in args[args.index("--strides") + 1].split(",")]
args = args[:args.index("--strides")]
dataset, out_root, models = args[0], Path(args[1]), [tuple(a.split("=")) for a in args[2:]]
device = resolve_device("cpu", 1)
started = time.monotonic()
ref = None
data = TrainingSet.load(dataset)
recorded = []
real_predict = evaluation_module.predict_head


def recording_predict(*a, **kw):
    p = real_predict(*a, **kw)
    recorded.append(p)
    return p


evaluation_module.predict_head = recording_predict
pending = list(models)
while pending:
    ready = [(n, d) for n, d in pending if (Path(d) / "weights.pt").is_file()]
    if not ready:
        time.sleep(30)
        continue
    for name, model_dir in ready:
        pending.remove((name, model_dir))
        cfg, classes, normalization, window, classifier, heads = load_bundle(Path(model_dir) / "weights.pt", device)
        encoder_state = {k: v for k, v in classifier.state_dict().items()}
        if ref is None:
            ref = (encoder_state, normalization)
            parts = [load_split(data, s, cfg, normalization["mean"], normalization["std"]) for s in ("train", "val", "test")]
            joined = {f: [x for part in parts for x in getattr(part, f)]
                      for f in ("embryos", "frames", "targets", "hpi", "reversals", "cell_counts")}
            full = Sequences(inputs=parts[0].inputs, **joined)
            log.info("loaded %d embryos in %.1f min", len(full.embryos), (time.monotonic() - started) / 60)
            full_emb = embed(classifier.encoder, full, device)
            log.info("embedded in %.1f min", (time.monotonic() - started) / 60)
            base_interval = data.nominal_interval_hours()
        else:  # the shared embeddings are only valid for the same encoder and normalization
            assert normalization == ref[1], (name, normalization, ref[1])
            assert all(torch.equal(encoder_state[k], ref[0][k]) for k in ref[0]), name
        model_json = json.loads((Path(model_dir) / "model.json").read_text())
        for k in strides:
            seqs = Sequences(full.embryos, [None] * len(full.embryos), [y[::k] for y in full.targets],
                             [h[::k] for h in full.hpi], [r[::k] for r in full.reversals], full.inputs,
                             [c[::k] for c in full.cell_counts])
            emb = [e[::k].contiguous() for e in full_emb]
            interval = base_interval * k
            recorded.clear()
            ev = evaluate_split(classifier, heads, seqs, emb, classes, cfg.scheme, window["timePoints"], interval,
                                device)
            out = out_root / f"{name}-stride{k}"
            out.mkdir(parents=True, exist_ok=True)
            # predict_head runs per head, per embryo, in evaluate_split's order
            n = len(seqs.embryos)
            torch.save({"embryos": seqs.embryos, "targets": seqs.targets, "hpi": seqs.hpi,
                        "probs": {kind: recorded[i * n:(i + 1) * n] for i, kind in enumerate(heads)}}, out / "probs.pt")
            settings = data.manifest.get("settings", {})
            model_json["data"] = {**{f: data.manifest.get(f) for f in ("source", "sourceVersion", "fingerprint", "seed",
                                                                       "splitSeed")},
                                  "splits": {"evaluated": "all", "embryos": n}, "settings": settings}
            if k > 1:
                model_json["data"]["stride"] = k
                model_json["data"]["settings"] = {**settings, "intervalMinutes": settings["intervalMinutes"] * k,
                                                  "datasetIntervalMinutes": settings["intervalMinutes"]}
            write_card(out, model_json, ev, {"command": f"eval_all.py (= evaluate --split all --stride {k}) on "
                                                        f"{model_dir}", "device": str(device),
                                             "weights": weights_digest(Path(model_dir) / "weights.pt")},
                       prefix="evaluation")
            log.info("%s stride %d (%.0f min): %s  [%.1f min]", name, k, interval * 60, summary(ev),
                     (time.monotonic() - started) / 60)
