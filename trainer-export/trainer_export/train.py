"""Trains a model on an export-dataset folder, evaluates it on the held-out test embryos and
exports it for the Java classifier:

    /usr/bin/python3 -m trainer_export.train --dataset D --scheme gomez-16 --out models/gomez-16

Writes encoder.onnx, lstm-step.onnx, transformer-window.onnx, model.json, weights.pt, card.md,
card.json, confusion PNGs and the parity fixture into --out.
"""
import argparse
import os
import shlex
import sys
import time
from pathlib import Path

import torch

from .backbones import BACKBONES
from .bundle import save_bundle
from .card import write_card
from .dataset import TrainingSet
from .encoders import encoder_names
from .evaluation import evaluate_split, summary
from .exporting import export_graphs, model_json, write_json
from .parity import write_parity_fixture
from .preprocess import parse_planes
from .runtime import log, resolve_device, seed_everything, setup_logging
from .schemes import class_names
from .training import TrainConfig, embed, init_normalization, load_split, train_encoder, train_head


def parse_args(argv):
    d = TrainConfig(scheme="")
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--dataset", required=True, help="folder written by export-dataset")
    p.add_argument("--scheme", required=True, choices=["pronuclear-3", "gomez-16"])
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--name", help="model name (default <scheme>-<encoder>)")
    p.add_argument("--version", default="0.1.0")
    p.add_argument("--size", type=int, default=d.size, help="model input side: 128 (default) or 64")
    p.add_argument("--planes", default="0", help="focal planes as channels, in channel order: 0 or =-15,0,15 (with '=': a leading minus reads as an option)")
    p.add_argument("--encoder", default=d.encoder, choices=encoder_names(),
                   help="small-cnn, resnet (this project's), or a torchvision backbone: " + ", ".join(BACKBONES))
    p.add_argument("--pretrained-weights", metavar="FILE",
                   help="a torchvision state dict for the backbone (torch.save(model.state_dict(), FILE)), loaded "
                        "strictly; nothing is downloaded")
    p.add_argument("--init-from", metavar="MODEL_DIR", help="start the encoder from another model of this trainer")
    p.add_argument("--frozen-epochs", type=int,
                   help="first epochs train only the embedding layer and classifier (default 2 when starting from "
                        "weights, else 0), then every layer is fine-tuned")
    p.add_argument("--embedding", type=int, default=d.embedding_size)
    p.add_argument("--heads", default="lstm,transformer", help="temporal heads to train: lstm, transformer")
    p.add_argument("--window-hours", type=float, default=d.window_hours)
    p.add_argument("--epochs", type=int, default=d.epochs)
    p.add_argument("--frames-per-epoch", type=int, default=d.frames_per_epoch)
    p.add_argument("--batch", type=int, default=d.batch_size)
    p.add_argument("--lr", type=float, default=d.lr)
    p.add_argument("--patience", type=int, default=d.patience)
    p.add_argument("--max-minutes", type=float, default=d.max_minutes, help="wall-clock cap of the encoder stage")
    p.add_argument("--temporal-epochs", type=int, default=d.temporal_epochs)
    p.add_argument("--count-loss-weight", type=float, default=d.count_loss_weight,
                   help="weight of the auxiliary log2(cell count) regression in the encoder stage (0: off)")
    p.add_argument("--embedding-passes", type=int, default=d.embedding_passes,
                   help="augmented embeddings of each training time point for the temporal heads")
    p.add_argument("--interval-strides", default="1",
                   help="interval augmentation of the heads: each training sequence is seen, per draw, at one of these "
                        "multiples of the frame interval from a random phase, e.g. 1,2 (default 1: every time point)")
    p.add_argument("--seed", type=int, default=d.seed)
    p.add_argument("--device", default="auto", help="auto (CUDA where available), cpu, cuda")
    p.add_argument("--threads", type=int, help="CPU threads (default: every core)")
    return p.parse_args(argv)


def main(argv=None):
    setup_logging()
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    started = time.monotonic()
    device = resolve_device(args.device, args.threads)
    seed_everything(args.seed)
    cfg = TrainConfig(scheme=args.scheme, size=args.size, planes=parse_planes(args.planes),
                      encoder=args.encoder, embedding_size=args.embedding, heads=tuple(args.heads.split(",")),
                      window_hours=args.window_hours, epochs=args.epochs, frames_per_epoch=args.frames_per_epoch,
                      batch_size=args.batch, lr=args.lr, patience=args.patience, max_minutes=args.max_minutes,
                      temporal_epochs=args.temporal_epochs, embedding_passes=args.embedding_passes,
                      interval_strides=tuple(int(k) for k in args.interval_strides.split(",")),
                      count_loss_weight=args.count_loss_weight, seed=args.seed,
                      pretrained_weights=args.pretrained_weights or "", init_from=args.init_from or "",
                      frozen_epochs=args.frozen_epochs if args.frozen_epochs is not None
                      else 2 if args.pretrained_weights or args.init_from else 0)
    if cfg.pretrained_weights and cfg.init_from:
        raise SystemExit("--pretrained-weights and --init-from both start the encoder: give one")
    classes = class_names(cfg.scheme)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    data = TrainingSet.load(args.dataset)
    interval = data.nominal_interval_hours()
    window_tp = max(1, round(cfg.window_hours / interval))
    window = {"hours": cfg.window_hours, "timePoints": window_tp, "nominalIntervalHours": interval}
    mean, std = data.normalization(cfg.size, cfg.planes, seed=cfg.seed)
    normalization = {"mean": mean, "std": std}
    if init_normalization(cfg):  # --epochs 0: the kept encoder reads its inputs as it was trained to
        normalization = init_normalization(cfg)
        mean, std = normalization["mean"], normalization["std"]
    log.info("device %s, %d threads; %s %dx%d planes %s; normalization %s; window %s", device,
             torch.get_num_threads(), cfg.scheme, cfg.size, cfg.size, cfg.planes, normalization, window)
    splits = {s: load_split(data, s, cfg, mean, std) for s in ("train", "val", "test")}
    for s in ("train", "val"):
        if not any((y >= 0).any() for y in splits[s].targets):
            raise SystemExit(f"{args.dataset}: no {cfg.scheme} labels in the '{s}' split; training needs labelled "
                             "train and val embryos (check the split seed and the label column)")
    log.info("frames loaded: %s", {s: sum(len(f) for f in q.frames) for s, q in splits.items()})

    classifier, encoder_history = train_encoder(splits["train"], splits["val"], cfg, classes, device)
    gen = torch.Generator(device=device).manual_seed(cfg.seed)
    embeddings = {s: embed(classifier.encoder, q, device) for s, q in splits.items() if s != "train"}
    train_passes = [embed(classifier.encoder, splits["train"], device, augment_with=gen)
                    for _ in range(cfg.embedding_passes)]
    heads, head_history, val_f1 = {}, {}, {}
    for kind in cfg.heads:
        heads[kind], head_history[kind] = train_head(kind, train_passes, splits["train"], embeddings["val"],
                                                     splits["val"], cfg, classes, window_tp, device)
        val_f1[kind] = max(h["valMacroF1"] for h in head_history[kind])
    default_head = max(val_f1, key=val_f1.get)  # chosen on validation embryos, never on test

    evaluation = evaluate_split(classifier, heads, splits["test"], embeddings["test"], classes, cfg.scheme,
                                window_tp, interval, device)
    name = args.name or f"{cfg.scheme}-{cfg.encoder}"
    graphs = export_graphs(out, classifier.encoder, heads, cfg, classes, window_tp)
    model = model_json(name, args.version, cfg, classes, normalization, window, graphs, data.manifest,
                       summary(evaluation), default_head)
    write_json(out / "model.json", model)
    save_bundle(out / "weights.pt", cfg, classes, normalization, window, classifier, heads)
    first = data.split("test")[0] if data.split("test") else data.split("train")[0]
    tp = first.time_points[len(first.time_points) // 2]
    write_parity_fixture(out, classifier.encoder, heads, cfg, normalization, window_tp,
                         [data.root / tp.paths[p] for p in cfg.planes])
    training = {"command": "python3 -m trainer_export.train " + " ".join(shlex.quote(a) for a in argv),
                "minutes": (time.monotonic() - started) / 60, "device": str(device), "threads": torch.get_num_threads(),
                "seed": cfg.seed, "torch": torch.__version__, "cpuCount": os.cpu_count(),
                "encoderHistory": encoder_history, "headHistory": head_history, "defaultHeadValMacroF1": val_f1}
    # the card also records the training dataset's settings (frame interval, hours, timelines); model.json does not
    write_card(out, {**model, "data": {**model["data"], "settings": data.manifest.get("settings", {})}}, evaluation,
               training)
    log.info("wrote %s in %.1f min; test %s", out, training["minutes"], summary(evaluation))
    return model, evaluation, training


if __name__ == "__main__":
    main()
