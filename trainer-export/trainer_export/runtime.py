"""Device, threads, seeds and the progress line: the same code on CPU and CUDA, old and new PyTorch."""
import logging
import os
import random
import sys
import time

import numpy as np
import torch

log = logging.getLogger("trainer_export")


def setup_logging():
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")


def resolve_device(name="auto", threads=None):
    """'auto' picks CUDA where available. Debian's torch starts with one thread: use every core."""
    torch.set_num_threads(threads or os.cpu_count() or 1)
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise RuntimeError("--device cuda asked for, but this PyTorch sees no CUDA device; use --device cpu or auto")
    return torch.device(name)


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class Progress:
    """One line per epoch: figures, throughput, elapsed and a naive ETA."""

    def __init__(self, stage, epochs):
        self.stage, self.epochs, self.start = stage, epochs, time.monotonic()

    def elapsed(self):
        return time.monotonic() - self.start

    def epoch(self, n, items, **figures):
        elapsed = self.elapsed()
        eta = elapsed / n * (self.epochs - n)
        shown = "  ".join(f"{k} {v:.4f}" if isinstance(v, float) else f"{k} {v}" for k, v in figures.items())
        log.info("%s epoch %d/%d  %s  %.0f items/s  elapsed %s  eta<= %s", self.stage, n, self.epochs, shown,
                 items / max(elapsed, 1e-9) * n, _clock(elapsed), _clock(eta))


def _clock(seconds):
    return f"{int(seconds) // 60:d}:{int(seconds) % 60:02d}"
