"""Evaluates a trained model folder on held-out embryos of a dataset: the test split of its own
dataset, or every embryo of a dataset rendered from another seed (--split all).

    /usr/bin/python3 -m trainer_export.evaluate --model models/gomez-16 --dataset D2 --split all --out eval/
"""
import argparse
import json
import sys
from pathlib import Path

import numpy as np

from .bundle import load_bundle, weights_digest
from .card import write_card
from .dataset import TrainingSet
from .evaluation import evaluate_split, summary
from .preprocess import parse_planes, stand_in_planes
from .runtime import log, resolve_device, setup_logging
from .training import Sequences, embed, load_split


def main(argv=None):
    setup_logging()
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="model folder written by trainer_export.train")
    p.add_argument("--dataset", required=True)
    p.add_argument("--split", default="test", choices=["test", "val", "all"])
    p.add_argument("--out", help="folder for the evaluation card (default <model>/evaluation-<split>)")
    p.add_argument("--stream-planes", help="evaluate as if the stream carried only these planes (e.g. 0): each "
                   "other plane the model reads is stood in by the nearest carried one, as the classifier does")
    p.add_argument("--stride", type=int, default=1,
                   help="keep every K-th time point of each embryo (from its first): a 20-min dataset evaluated as a "
                        "40-min stream with 2 (timing figures use K x the dataset's interval)")
    p.add_argument("--device", default="auto")
    p.add_argument("--threads", type=int)
    args = p.parse_args(argv)
    device = resolve_device(args.device, args.threads)
    cfg, classes, normalization, window, classifier, heads = load_bundle(Path(args.model) / "weights.pt", device)
    model = json.loads((Path(args.model) / "model.json").read_text())
    data = TrainingSet.load(args.dataset)
    if args.stride < 1:
        raise SystemExit("--stride must be 1 or more")
    for series in data.embryos:  # phase 0: the first time point and every K-th after it, labels and hours alike
        series.time_points = series.time_points[::args.stride]
    names = ("train", "val", "test") if args.split == "all" else (args.split,)
    planes = list(cfg.planes)
    if args.stream_planes:
        planes = stand_in_planes(cfg.planes, parse_planes(args.stream_planes))
        log.info("stream carries planes %s: the model's channels %s read planes %s", args.stream_planes,
                 list(cfg.planes), planes)
    parts = [load_split(data, s, cfg, normalization["mean"], normalization["std"], planes) for s in names]
    joined = {f: [x for part in parts for x in getattr(part, f)]
              for f in ("embryos", "frames", "targets", "hpi", "reversals", "cell_counts")}
    seqs = Sequences(inputs=parts[0].inputs, **joined)
    if not seqs.embryos:
        raise SystemExit(f"{args.dataset} has no embryos in split '{args.split}'")
    interval = data.nominal_interval_hours()
    if not np.isclose(interval, window["nominalIntervalHours"], rtol=0.05):
        log.warning("frame interval %.3f h differs from the model's %.3f h: its window covers other hours",
                    interval, window["nominalIntervalHours"])
    evaluation = evaluate_split(classifier, heads, seqs, embed(classifier.encoder, seqs, device), classes, cfg.scheme,
                                window["timePoints"], interval, device)
    out = Path(args.out or Path(args.model) / f"evaluation-{args.split}")
    out.mkdir(parents=True, exist_ok=True)
    model["data"] = {**{k: data.manifest.get(k) for k in ("source", "sourceVersion", "fingerprint", "seed", "splitSeed")},
                     "splits": {"evaluated": args.split, "embryos": len(seqs.embryos)},
                     **({"streamPlanes": args.stream_planes, "planesRead": planes} if args.stream_planes else {}),
                     "settings": data.manifest.get("settings", {})}
    if args.stride > 1:  # the evaluated stream's interval, for the card; the dataset's own beside it
        settings = model["data"]["settings"]
        model["data"]["stride"] = args.stride
        if settings.get("intervalMinutes"):
            model["data"]["settings"] = {**settings, "intervalMinutes": settings["intervalMinutes"] * args.stride,
                                         "datasetIntervalMinutes": settings["intervalMinutes"]}
    write_card(out, model, evaluation, {"command": "python3 -m trainer_export.evaluate " + " ".join(argv),
                                        "device": str(device),
                                        "weights": weights_digest(Path(args.model) / "weights.pt")}, prefix="evaluation")
    log.info("wrote %s: %s", out, summary(evaluation))
    return evaluation


if __name__ == "__main__":
    main()
