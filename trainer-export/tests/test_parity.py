import json

import numpy as np
import onnx
import pytest
from torch import nn

from trainer_export import parity
from trainer_export.preprocess import block_average_normalized, parse_planes, plane_file_token, read_gray8
from trainer_export.toyset import write_toy_dataset
from trainer_export.training import TrainConfig


def test_three_plane_test_model_takes_its_planes_as_channels(tmp_path):
    parity.main(["--out", str(tmp_path), "--planes=-15,0,15", "--heads", "lstm"])
    model = json.loads((tmp_path / "model.json").read_text())
    fixture = json.loads((tmp_path / "parity.json").read_text())

    graph_input = onnx.load(str(tmp_path / "encoder.onnx")).graph.input[0].type.tensor_type.shape.dim
    assert [d.dim_value or d.dim_param for d in graph_input] == ["N", 3, 64, 64]
    assert model["input"]["planes"] == [-15, 0, 15]
    assert model["encoder"]["inputs"][0]["shape"] == ["N", 3, 64, 64]
    assert list(model["temporal"]["heads"]) == ["lstm"] and model["temporal"]["default"] == "lstm"
    assert "transformer" not in fixture and len(fixture["lstm"]["probabilities"]) == 3

    assert fixture["planes"] == [-15, 0, 15]
    assert fixture["frames"] == ["parity/frame_m15.png", "parity/frame_p0.png", "parity/frame_p15.png"]
    frames = [read_gray8(tmp_path / f).astype(np.float64) for f in fixture["frames"]]
    for i, j in ((0, 1), (1, 2), (0, 2)):
        assert np.abs(frames[i] - frames[j]).mean() > 5, f"planes {i} and {j} look alike: channel order would not show"
    norm = model["input"]["normalization"]
    expected_sum = sum(block_average_normalized(f.astype(np.uint8), 64, norm["mean"], norm["std"]).astype(np.float64).sum()
                       for f in frames)
    assert fixture["inputSum"] == pytest.approx(expected_sum, abs=1e-3)


class _ChannelMeans(nn.Module):
    """An 'encoder' whose embedding is each channel's mean: it shows which frame went to which channel."""

    def forward(self, frames):
        return frames.mean(dim=(2, 3))


def test_fixture_puts_each_plane_in_the_channel_the_model_declares(tmp_path):
    toy = write_toy_dataset(tmp_path / "toy", embryos=1, time_points=2, planes=(-15, 0, 15), seed=2)
    planes = (0, -15, 15)  # not sorted: the declared order, not the file names, must decide
    cfg = TrainConfig(scheme="pronuclear-3", size=64, planes=planes, embedding_size=3, heads=())
    paths = {p: toy / f"frames/toy000/0002_{plane_file_token(p)}.png" for p in planes}
    parity.write_parity_fixture(tmp_path / "model", _ChannelMeans(), {}, cfg, {"mean": 0.4, "std": 0.2}, 8,
                                [paths[p] for p in planes])

    fixture = json.loads((tmp_path / "model" / "parity.json").read_text())
    assert fixture["planes"] == [0, -15, 15]
    means = [float(block_average_normalized(read_gray8(paths[p]), 64, 0.4, 0.2).mean()) for p in planes]
    assert fixture["embedding"] == pytest.approx(means, abs=1e-5)
    assert len(set(np.round(means, 3))) == 3


def test_planes_parse_in_the_order_given_and_once_each():
    assert parse_planes("15,-15,0") == (15, -15, 0)
    with pytest.raises(ValueError, match="twice"):
        parse_planes("0,15,0")
    with pytest.raises(ValueError, match="e.g. 0 or -15,0,15"):
        parse_planes("0;15")
