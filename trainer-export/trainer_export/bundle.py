"""weights.pt: the PyTorch weights and everything needed to rebuild the modules (evaluate, parity)."""
import dataclasses
import hashlib
from pathlib import Path

import torch

from .encoders import FrameClassifier, build_encoder
from .temporal import build_head
from .training import TrainConfig


def save_bundle(path, cfg, classes, normalization, window, classifier, heads):
    torch.save({"config": dataclasses.asdict(cfg), "classes": list(classes), "normalization": normalization,
                "window": window, "classifier": classifier.state_dict(),
                "heads": {k: h.state_dict() for k, h in heads.items()}}, path)


def load_bundle(path, device="cpu"):
    data = torch.load(path, map_location=device)
    cfg = TrainConfig(**{**data["config"], "planes": tuple(data["config"]["planes"]),
                         "heads": tuple(data["config"]["heads"])})
    classes = tuple(data["classes"])
    classifier = FrameClassifier(build_encoder(cfg.encoder, len(cfg.planes), cfg.embedding_size),
                                 cfg.embedding_size, len(classes))
    classifier.load_state_dict(data["classifier"])
    heads = {}
    for kind, state in data["heads"].items():
        heads[kind] = build_head(kind, cfg.embedding_size, len(classes))
        heads[kind].load_state_dict(state)
        heads[kind].to(device).eval()
    return cfg, classes, data["normalization"], data["window"], classifier.to(device).eval(), heads


def weights_digest(path):
    """sha256 of a weights.pt file: an evaluation records it, so a card lists only evaluations of its own weights."""
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()
