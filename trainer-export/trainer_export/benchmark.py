"""Raw PyTorch throughput of a model: encoder frames/s and temporal steps/s at batch 1 ... 256, on
CPU and on CUDA where available. The ceiling the streaming pipeline is compared against.

    /usr/bin/python3 -m trainer_export.benchmark --model models/gomez-16
    /usr/bin/python3 -m trainer_export.benchmark --encoder small-cnn --size 128   # untrained, same shapes
"""
import argparse
import json
import time

import torch

from .bundle import load_bundle
from .encoders import build_encoder
from .runtime import resolve_device
from .temporal import LstmStep, TransformerWindow, build_head

BATCHES = (1, 4, 16, 64, 256)


@torch.no_grad()
def rate(fn, items, device, min_seconds=1.0):
    """Items per second of fn() after a warm-up, timed over at least min_seconds."""
    fn()
    runs, start = 0, time.perf_counter()
    while True:
        fn()
        runs += 1
        if device.type == "cuda":
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return items * runs / elapsed


def measure(encoder, heads, planes, size, embedding, window, device, batches=BATCHES, min_seconds=1.0):
    encoder = encoder.to(device).eval()
    rows = []
    for b in batches:
        frames = torch.randn(b, planes, size, size, device=device)
        row = {"device": device.type, "batch": b, "encoderFramesPerS": rate(lambda: encoder(frames), b, device, min_seconds)}
        if "lstm" in heads:
            step = LstmStep(heads["lstm"].to(device).eval())
            args = (torch.randn(b, embedding, device=device), torch.full((b,), 30.0, device=device),
                    torch.zeros(b, heads["lstm"].state_size, device=device))
            row["lstmStepsPerS"] = rate(lambda: step(*args), b, device, min_seconds)
        if "transformer" in heads:
            win = TransformerWindow(heads["transformer"].to(device).eval())
            args = (torch.randn(b, window, embedding, device=device), torch.full((b, window), 30.0, device=device),
                    torch.full((b,), window, dtype=torch.int64, device=device))
            row["transformerStepsPerS"] = rate(lambda: win(*args), b, device, min_seconds)
        rows.append(row)
        print(json.dumps({k: round(v, 1) if isinstance(v, float) else v for k, v in row.items()}), flush=True)
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", help="model folder with weights.pt (else an untrained model of the given shape)")
    p.add_argument("--encoder", default="small-cnn")
    p.add_argument("--size", type=int, default=128)
    p.add_argument("--planes", type=int, default=1)
    p.add_argument("--embedding", type=int, default=64)
    p.add_argument("--window", type=int, default=64, help="transformer window in time points")
    p.add_argument("--batches", default=",".join(map(str, BATCHES)))
    p.add_argument("--seconds", type=float, default=1.0, help="minimum timed seconds per figure")
    p.add_argument("--threads", type=int)
    args = p.parse_args()
    resolve_device("cpu", args.threads)
    if args.model:
        cfg, classes, _, window, classifier, heads = load_bundle(f"{args.model}/weights.pt")
        encoder, planes, size, embedding, w = classifier.encoder, len(cfg.planes), cfg.size, cfg.embedding_size, \
            window["timePoints"]
    else:
        encoder = build_encoder(args.encoder, args.planes, args.embedding)
        heads = {k: build_head(k, args.embedding, 16) for k in ("lstm", "transformer")}
        planes, size, embedding, w = args.planes, args.size, args.embedding, args.window
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "encoder": type(encoder).__name__,
                      "size": size, "planes": planes, "window": w}))
    batches = [int(b) for b in args.batches.split(",")]
    devices = [torch.device("cpu")] + ([torch.device("cuda")] if torch.cuda.is_available() else [])
    for device in devices:
        measure(encoder, heads, planes, size, embedding, w, device, batches, args.seconds)


if __name__ == "__main__":
    main()
