import json

import numpy as np
import onnx
import torch

from trainer_export.bundle import load_bundle
from trainer_export.schemes import SCHEMES
from trainer_export.temporal import LstmStep, TransformerWindow, window_inputs


def test_graphs_pass_the_checker_with_dynamic_batch_axes(trained):
    out, model = trained[0], trained[1]
    graphs = [model["encoder"]] + list(model["temporal"]["heads"].values())
    for spec in graphs:
        proto = onnx.load(str(out / spec["file"]))
        onnx.checker.check_model(proto, full_check=True)
        assert max(o.version for o in proto.opset_import if o.domain in ("", "ai.onnx")) <= 17
        assert [i.name for i in proto.graph.input] == [i["name"] for i in spec["inputs"]]
        assert [o.name for o in proto.graph.output] == [o["name"] for o in spec["outputs"]]
        for value in list(proto.graph.input) + list(proto.graph.output):
            assert value.type.tensor_type.shape.dim[0].dim_param == "N", (spec["file"], value.name)


def test_model_json_is_complete(trained, toy_dataset):
    out = trained[0]
    model = json.loads((out / "model.json").read_text())
    manifest = json.loads((toy_dataset / "manifest.json").read_text())
    assert model["format"] == "embryo-stream-model/1"
    assert model["classes"] == list(SCHEMES["pronuclear-3"])
    assert model["input"] == {**model["input"], "canonicalSize": 256, "size": 64, "planes": [0]}
    assert set(model["input"]["normalization"]) == {"mean", "std"}
    assert model["window"] == {"hours": 4.0, "timePoints": 8, "nominalIntervalHours": 0.5}
    assert model["embeddingSize"] == 64 and model["name"] and model["version"]
    assert model["data"]["fingerprint"] == manifest["fingerprint"].strip() and model["data"]["sourceVersion"] == "toy-1"
    assert model["temporal"]["default"] in model["temporal"]["heads"]
    assert model["temporal"]["heads"]["lstm"]["stateSize"] == 128
    assert set(model["metrics"]) >= {"embryos", "lstm", "transformer"}
    assert (out / "parity.json").is_file() and (out / "parity" / "frame_p0.png").is_file()


def test_step_graph_module_replays_the_sequence_model(trained):
    _, _, _, _, _, heads = load_bundle(trained[0] / "weights.pt")
    head = heads["lstm"]
    emb, hpi = torch.randn(1, 12, 64), torch.linspace(10, 13, 12)[None]
    full = torch.softmax(head(emb, hpi), -1)[0]
    step, state = LstmStep(head), torch.zeros(1, head.state_size)
    with torch.no_grad():
        for t in range(12):
            probs, state = step(emb[:, t], hpi[:, t], state)
            assert torch.allclose(probs[0], full[t], atol=1e-5)


def test_window_graph_is_causal_and_ignores_padding(trained):
    _, _, _, window, _, heads = load_bundle(trained[0] / "weights.pt")
    head = heads["transformer"]
    emb, hpi = torch.randn(20, 64), torch.linspace(10, 15, 20)
    w, h, lengths = window_inputs(emb, hpi, window["timePoints"])
    with torch.no_grad():
        windowed = TransformerWindow(head)(w, h, lengths)
        # Same windows with garbage in the padding: outputs must not move.
        noisy = w + (torch.arange(w.shape[1])[None, :, None] >= lengths[:, None, None]) * 50.0
        assert torch.allclose(TransformerWindow(head)(noisy, h, lengths), windowed, atol=1e-5)
        # A short window is the plain causal sequence model at its last position.
        assert torch.allclose(windowed[3], torch.softmax(head(emb[None, :4], hpi[None, :4])[0, 3], -1), atol=1e-5)
    assert np.all(lengths.numpy()[:8] == np.arange(1, 9)) and np.all(lengths.numpy()[8:] == 8)
