"""The head-training part of `trainer_export.train --init-from ../models/pronuclear-3 --epochs 0 --scheme pronuclear-3
--planes=-15,0,15 --size 128 --seed 7 --threads 1 --interval-strides S`, for several S on one load and one embedding
of the training set (the CPU was shared: three CLI runs would load and embed the same frames three times).
Same calls in the same order as train.main (seeded alike), so each S gives the heads that CLI run trains;
writes weights.pt (+ a model.json copied from the shipped model, for evaluate's card) per S. No ONNX export.
    train_heads.py DATASET OUT_ROOT NAME=STRIDES...
"""
import copy
import dataclasses
import json
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, "/work/main/trainer-export")
from trainer_export.bundle import save_bundle  # noqa: E402
from trainer_export.dataset import TrainingSet  # noqa: E402
from trainer_export.runtime import log, resolve_device, seed_everything, setup_logging  # noqa: E402
from trainer_export.schemes import class_names  # noqa: E402
from trainer_export.training import (TrainConfig, embed, init_normalization, load_split, train_encoder,  # noqa: E402
                                     train_head)

SHIPPED = Path("/work/main/models/pronuclear-3")
setup_logging()
dataset, out_root, runs = sys.argv[1], Path(sys.argv[2]), [a.split("=") for a in sys.argv[3:]]
started = time.monotonic()
device = resolve_device("cpu", 1)
SEED = int(__import__("os").environ.get("SEED", "7"))  # the --seed of the CLI command this stands for (7)
seed_everything(SEED)
cfg = TrainConfig(scheme="pronuclear-3", size=128, planes=(-15, 0, 15), epochs=0, init_from=str(SHIPPED),
                  frozen_epochs=2, seed=SEED)
classes = class_names(cfg.scheme)
data = TrainingSet.load(dataset)
interval = data.nominal_interval_hours()
window_tp = max(1, round(cfg.window_hours / interval))
window = {"hours": cfg.window_hours, "timePoints": window_tp, "nominalIntervalHours": interval}
normalization = init_normalization(cfg)
log.info("normalization %s (the shipped model's), window %s", normalization, window)
splits = {s: load_split(data, s, cfg, normalization["mean"], normalization["std"]) for s in ("train", "val")}
log.info("frames loaded: %s in %.1f min", {s: sum(len(f) for f in q.frames) for s, q in splits.items()},
         (time.monotonic() - started) / 60)
classifier, _ = train_encoder(splits["train"], splits["val"], cfg, classes, device)
gen = torch.Generator(device=device).manual_seed(cfg.seed)
val_emb = embed(classifier.encoder, splits["val"], device)
train_passes = [embed(classifier.encoder, splits["train"], device, augment_with=gen) for _ in range(cfg.embedding_passes)]
log.info("embedded in %.1f min", (time.monotonic() - started) / 60)
shipped_json = json.loads((SHIPPED / "model.json").read_text())
for name, strides in runs:
    run_cfg = dataclasses.replace(cfg, interval_strides=tuple(int(k) for k in strides.split(",")))
    heads, history, val_f1 = {}, {}, {}
    for kind in cfg.heads:
        heads[kind], history[kind] = train_head(kind, train_passes, splits["train"], val_emb, splits["val"], run_cfg,
                                                classes, window_tp, device)
        val_f1[kind] = max(h["valMacroF1"] for h in history[kind])
        log.info("%s %s: best val macro-F1 %.4f at epoch %d of %d", name, kind, val_f1[kind],
                 max(history[kind], key=lambda h: h["valMacroF1"])["epoch"], len(history[kind]))
    out = out_root / name
    out.mkdir(parents=True, exist_ok=True)
    save_bundle(out / "weights.pt", run_cfg, classes, normalization, window, classifier, heads)
    model = copy.deepcopy(shipped_json)
    model.update(name=f"pronuclear-3-interval-strides-{strides.replace(',', '-')}", metrics={},
                 window=window, data={k: data.manifest.get(k) for k in ("source", "sourceVersion", "fingerprint",
                                                                         "seed", "splitSeed", "splits")})
    model["temporal"]["default"] = max(val_f1, key=val_f1.get)
    (out / "model.json").write_text(json.dumps(model, indent=2) + "\n")
    (out / "head-history.json").write_text(json.dumps({"intervalStrides": strides, "valMacroF1": val_f1,
                                                       "history": history}, indent=1) + "\n")
    log.info("wrote %s (%.1f min)", out, (time.monotonic() - started) / 60)
