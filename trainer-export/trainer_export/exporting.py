"""ONNX export (opset 17, dynamic batch axes) and model.json, the contract the Java classifier reads."""
import json
import logging
import warnings
from pathlib import Path

import onnx
import torch

from .backbones import file_digest
from . import MODEL_FORMAT
from .preprocess import CANONICAL_SIZE
from .temporal import LstmStep, TransformerWindow

log = logging.getLogger("trainer_export")

OPSET = 17
FILES = {"encoder": "encoder.onnx", "lstm": "lstm-step.onnx", "transformer": "transformer-window.onnx"}


def _export(module, args, path, inputs, outputs, dynamic):
    module = module.cpu().eval()
    # The tracer's warnings concern Python-side constants (fixed time periods, fixed hidden sizes): expected.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore", torch.jit.TracerWarning)
        warnings.simplefilter("ignore", UserWarning)
        torch.onnx.export(module, args, str(path), opset_version=OPSET, input_names=[n for n, _ in inputs],
                          output_names=[n for n, _ in outputs], dynamic_axes=dynamic, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(str(path)), full_check=True)
    return {"file": path.name,
            "inputs": [{"name": n, "shape": s, "type": "int64" if n == "lengths" else "float32"} for n, s in inputs],
            "outputs": [{"name": n, "shape": s, "type": "float32"} for n, s in outputs]}


def initial_weights(cfg):
    """What the encoder started from, as model.json and the card state it: nothing is claimed that was not loaded
    (a weights file is named by its checksum; what it was trained on is for its provider to say)."""
    if cfg.pretrained_weights:
        return {"pretrained": True, "initialWeights": {"kind": "torchvision-state-dict",
                                                        "file": Path(cfg.pretrained_weights).name,
                                                        "sha256": file_digest(cfg.pretrained_weights)}}
    if cfg.init_from:
        other = json.loads((Path(cfg.init_from) / "model.json").read_text())
        return {"pretrained": True, "initialWeights": {"kind": "model", "model": other["name"],
                                                        "version": other["version"],
                                                        "weights": file_digest(Path(cfg.init_from) / "weights.pt")}}
    return {"pretrained": False, "initialWeights": {"kind": "none"}}


def export_graphs(out_dir, encoder, heads, cfg, classes, window_tp):
    """Writes encoder.onnx and one graph per head; returns their model.json entries."""
    out_dir = Path(out_dir)
    p, s, d, c = len(cfg.planes), cfg.size, cfg.embedding_size, len(classes)
    graphs = {"encoder": _export(
        encoder, (torch.zeros(2, p, s, s),), out_dir / FILES["encoder"],
        [("frames", ["N", p, s, s])], [("embedding", ["N", d])],
        {"frames": {0: "N"}, "embedding": {0: "N"}})}
    graphs["encoder"]["architecture"] = cfg.encoder
    graphs["encoder"].update(initial_weights(cfg))
    if "lstm" in heads:
        state = heads["lstm"].state_size
        spec = _export(LstmStep(heads["lstm"]), (torch.zeros(2, d), torch.zeros(2), torch.zeros(2, state)),
                       out_dir / FILES["lstm"],
                       [("embedding", ["N", d]), ("hpi", ["N"]), ("state", ["N", state])],
                       [("probabilities", ["N", c]), ("state_out", ["N", state])],
                       {n: {0: "N"} for n in ("embedding", "hpi", "state", "probabilities", "state_out")})
        graphs["lstm"] = {"graph": "step", "stateSize": state, **spec}
    if "transformer" in heads:
        spec = _export(TransformerWindow(heads["transformer"]),
                       (torch.zeros(2, window_tp, d), torch.zeros(2, window_tp), torch.ones(2, dtype=torch.int64)),
                       out_dir / FILES["transformer"],
                       [("embeddings", ["N", "W", d]), ("hpi", ["N", "W"]), ("lengths", ["N"])],
                       [("probabilities", ["N", c])],
                       {"embeddings": {0: "N", 1: "W"}, "hpi": {0: "N", 1: "W"}, "lengths": {0: "N"},
                        "probabilities": {0: "N"}})
        graphs["transformer"] = {"graph": "window", "maxWindow": window_tp, **spec}
    return graphs


def model_json(name, version, cfg, classes, normalization, window, graphs, manifest, metrics, default_head):
    return {
        "format": MODEL_FORMAT,
        "name": name,
        "version": version,
        "scheme": cfg.scheme,
        "classes": list(classes),
        "input": {"canonicalSize": CANONICAL_SIZE, "size": cfg.size, "planes": list(cfg.planes),
                  "normalization": normalization,
                  "preprocessing": "block average (io.embryostream.frames.BlockAverage), then (x/255 - mean)/std"},
        "embeddingSize": cfg.embedding_size,
        "window": window,
        "encoder": graphs["encoder"],
        "temporal": {"default": default_head, "heads": {k: v for k, v in graphs.items() if k != "encoder"}},
        "data": {"source": manifest.get("source"), "sourceVersion": manifest.get("sourceVersion"),
                 "fingerprint": manifest.get("fingerprint"), "seed": manifest.get("seed"),
                 "splitSeed": manifest.get("splitSeed"), "splits": manifest.get("splits")},
        "metrics": metrics,
        "onnx": {"opset": OPSET, "exporter": f"torch {torch.__version__}"},
    }


def write_json(path, data):
    Path(path).write_text(json.dumps(data, indent=2) + "\n")
