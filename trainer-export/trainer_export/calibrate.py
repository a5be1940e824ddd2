"""Calibrates a trained model's temporal heads by temperature scaling on the validation embryos of its own
training set, and reports how calibrated each head is on the test embryos before and after.

    /usr/bin/python3 -m trainer_export.calibrate --model models/gomez-16 --dataset <its training set>

Rule, fixed before any run: one temperature per head, the one minimizing the negative log-likelihood of every
labelled validation time point (golden-section search on log T); the test split is only scored (top-label ECE over
15 equal-width confidence bins), never used to choose. Writes into the model folder: each head's
`calibration` {method, temperature} in model.json (the Java classifier applies it), `calibration.json` (the
reliability bins, ECE and NLL before/after, on validation and test), `calibration-reliability-<head>.png`, the
calibrated parity rows in parity.json (the Java parity check compares its own calibration with them), and the
card's "Calibration" section. Accuracy figures do not change: argmax and the offline Viterbi path ignore T.
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

from .bundle import load_bundle, weights_digest
from .calibration import apply_temperature, fit_temperature, negative_log_likelihood, reliability
from .card import refresh_other_evaluations
from .dataset import TrainingSet
from .exporting import write_json
from .reliability_png import write_reliability_png
from .runtime import log, resolve_device, setup_logging
from .training import embed, load_split, predict_head

CALIBRATION_FILE = "calibration.json"


def head_outputs(model_dir, dataset, split, device):
    """Per head: the probabilities and labels of every labelled time point of the split's embryos, and the embryo
    count, each time point from its past only as the classifier runs the head."""
    cfg, classes, normalization, window, classifier, heads = load_bundle(Path(model_dir) / "weights.pt", device)
    seqs = load_split(dataset, split, cfg, normalization["mean"], normalization["std"])
    if not seqs.embryos:
        raise SystemExit(f"the dataset has no embryos in split '{split}'")
    embeddings = embed(classifier.encoder, seqs, device)
    out = {}
    for kind, head in heads.items():
        probs, labels = [], []
        for e, h, t in zip(embeddings, seqs.hpi, seqs.targets):
            p = predict_head(kind, head, e, h, window["timePoints"], device)
            keep = np.asarray(t) >= 0
            probs.append(p[keep])
            labels.append(np.asarray(t)[keep])
        out[kind] = (np.concatenate(probs), np.concatenate(labels))
    return out, len(seqs.embryos)


def main(argv=None):
    setup_logging()
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="model folder written by trainer_export.train")
    p.add_argument("--dataset", required=True, help="the model's own training set (its fingerprint is checked)")
    p.add_argument("--device", default="auto")
    p.add_argument("--threads", type=int)
    args = p.parse_args(argv)
    device = resolve_device(args.device, args.threads)
    folder = Path(args.model)
    model = json.loads((folder / "model.json").read_text())
    data = TrainingSet.load(args.dataset)
    fingerprint = data.manifest.get("fingerprint")
    if fingerprint != model["data"].get("fingerprint"):
        raise SystemExit(f"{args.dataset} is not the training set of {folder} (fingerprint {fingerprint}, the model's "
                         f"{model['data'].get('fingerprint')}): calibrate on the model's own validation embryos")
    val, val_embryos = head_outputs(folder, data, "val", device)
    test, test_embryos = head_outputs(folder, data, "test", device)
    report = {"method": "temperature", "weightsSha256": weights_digest(folder / "weights.pt"),
              "command": "python3 -m trainer_export.calibrate " + " ".join(argv),
              "rule": "one temperature per head minimizing the NLL of every labelled validation time point; test "
                      "embryos only scored (top-label ECE, 15 equal-width bins)",
              "fittedOn": {"split": "val", "embryos": val_embryos, "dataset": fingerprint},
              "scoredOn": {"split": "test", "embryos": test_embryos}, "heads": {}}
    parity_path = folder / "parity.json"
    parity = json.loads(parity_path.read_text()) if parity_path.exists() else None
    for kind in model["temporal"]["heads"]:
        vp, vy = val[kind]
        tp, ty = test[kind]
        t = fit_temperature(vp, vy)
        entry = {"temperature": t, "validation": {"frames": int(len(vy)),
                                                  "nllBefore": negative_log_likelihood(vp, vy, 1.0),
                                                  "nllAfter": negative_log_likelihood(vp, vy, t)}}
        before, after = reliability(tp, ty), reliability(apply_temperature(tp, t), ty)
        entry["test"] = {"before": before, "after": after, "nllBefore": negative_log_likelihood(tp, ty, 1.0),
                         "nllAfter": negative_log_likelihood(tp, ty, t)}
        png = f"calibration-reliability-{kind}.png"
        write_reliability_png(before, after, folder / png, f"{model['name']} {kind}, test embryos, T={t:.3f}")
        entry["png"] = png
        report["heads"][kind] = entry
        model["temporal"]["heads"][kind]["calibration"] = {"method": "temperature", "temperature": t}
        if parity is not None and kind in parity:
            parity[kind]["calibratedProbabilities"] = apply_temperature(
                np.asarray(parity[kind]["probabilities"], dtype=np.float32), t).astype(np.float32).tolist()
        log.info("%s %s: T %.4f; test ECE %.4f -> %.4f, NLL %.4f -> %.4f (%d frames)", model["name"], kind, t,
                 before["ece"], after["ece"], entry["test"]["nllBefore"], entry["test"]["nllAfter"], len(ty))
    write_json(folder / "model.json", model)
    write_json(folder / CALIBRATION_FILE, report)
    if parity is not None:
        write_json(parity_path, parity)
    if (folder / "card.json").exists():
        refresh_other_evaluations(folder)
    return report


if __name__ == "__main__":
    main()
