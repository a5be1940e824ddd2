"""Torchvision backbones from a weights file the user brings: really loaded, strictly, frozen when asked."""
import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch
import torchvision

from trainer_export import parity, train
from trainer_export.backbones import BackboneEncoder, WeightsError
from trainer_export.encoders import build_encoder
from trainer_export.training import TrainConfig, load_split, train_encoder
from trainer_export.dataset import TrainingSet


def _weights(tmp_path, arch, seed=11):
    torch.manual_seed(seed)
    net = getattr(torchvision.models, arch)(weights=None)
    path = tmp_path / f"{arch}.pt"
    torch.save(net.state_dict(), path)
    return path, net.state_dict()


def test_a_weights_file_is_really_loaded_and_three_planes_are_its_channels(tmp_path):
    path, saved = _weights(tmp_path, "resnet18")
    encoder = BackboneEncoder("resnet18", 3, 16, weights=path)
    trunk = encoder.backbone.state_dict()
    # the trunk is conv1, bn1, relu, maxpool, layer1..4: indices 0, 1, 4, 5, 6, 7
    assert torch.equal(trunk["0.weight"], saved["conv1.weight"])
    assert torch.equal(trunk["7.1.conv2.weight"], saved["layer4.1.conv2.weight"])
    assert torch.equal(trunk["1.running_var"], saved["bn1.running_var"])
    fresh = BackboneEncoder("resnet18", 3, 16)
    assert not torch.equal(fresh.backbone.state_dict()["7.1.conv2.weight"], saved["layer4.1.conv2.weight"])


def test_one_plane_takes_the_mean_of_the_rgb_kernels_so_gray_excites_it_as_before(tmp_path):
    path, saved = _weights(tmp_path, "mobilenet_v3_small")
    one = BackboneEncoder("mobilenet_v3_small", 1, 16, weights=path)
    rgb = saved["features.0.0.weight"]
    assert torch.allclose(one.backbone.state_dict()["0.0.weight"], rgb.mean(dim=1, keepdim=True) * 3)
    two = BackboneEncoder("mobilenet_v3_small", 2, 16, weights=path)
    gray = torch.full((1, 2, 64, 64), 0.3)
    conv2 = two.backbone[0][0]
    reference = torch.nn.functional.conv2d(torch.full((1, 3, 64, 64), 0.3), rgb, stride=2, padding=1)
    assert torch.allclose(conv2(gray), reference, atol=1e-5)


def test_a_file_for_another_architecture_is_refused_naming_the_keys(tmp_path):
    path, _ = _weights(tmp_path, "mobilenet_v3_small")
    with pytest.raises(WeightsError) as refused:
        BackboneEncoder("resnet18", 1, 16, weights=path)
    message = str(refused.value)
    assert "not a state dict of torchvision resnet18" in message
    assert "122 missing keys (bn1.bias, bn1.num_batches_tracked" in message
    assert "244 unexpected keys (classifier.0.bias" in message


def test_what_is_not_a_state_dict_is_refused(tmp_path):
    junk = tmp_path / "junk.pt"
    junk.write_bytes(b"not a torch file")
    with pytest.raises(WeightsError, match="not a PyTorch weights file"):
        BackboneEncoder("resnet18", 1, 16, weights=junk)
    model = tmp_path / "model.pt"
    torch.save(torchvision.models.resnet18(weights=None), model)  # a whole pickled module, not its state dict
    with pytest.raises(WeightsError, match="not a state dict"):
        BackboneEncoder("resnet18", 1, 16, weights=model)
    with pytest.raises(ValueError, match="--init-from"):
        build_encoder("small-cnn", 1, 16, weights=junk)


def test_the_frozen_stage_trains_only_the_embedding_and_fine_tuning_every_layer(toy_dataset, tmp_path):
    path, saved = _weights(tmp_path, "mobilenet_v3_small")
    data = TrainingSet.load(toy_dataset)
    base = dict(scheme="pronuclear-3", size=64, encoder="mobilenet_v3_small", embedding_size=16, heads=(),
                frames_per_epoch=64, batch_size=32, patience=5, calibration_frames=64, val_frames=64,
                pretrained_weights=str(path), seed=4)
    cfg = TrainConfig(**base, epochs=1, frozen_epochs=1)
    mean, std = data.normalization(cfg.size, cfg.planes, seed=1)
    train_split, val_split = (load_split(data, s, cfg, mean, std) for s in ("train", "val"))
    frozen, _ = train_encoder(train_split, val_split, cfg, ("a", "b", "c"), "cpu")
    conv = "backbone.3.block.0.0.weight"  # a convolution deep in the trunk
    loaded = BackboneEncoder("mobilenet_v3_small", 1, 16, weights=path).state_dict()[conv]
    assert torch.equal(frozen.encoder.state_dict()[conv], loaded), "a frozen layer changed"
    # the same epoch past the frozen stage moves it (one epoch: the best state kept is that epoch's)
    tuned, _ = train_encoder(train_split, val_split, TrainConfig(**base, epochs=1, frozen_epochs=0), ("a", "b", "c"), "cpu")
    assert not torch.equal(tuned.encoder.state_dict()[conv], loaded), "fine-tuning left the layer alone"
    assert not torch.equal(frozen.encoder.embed.weight, tuned.encoder.embed.weight)


@pytest.mark.parametrize("arch", ["resnet18", "mobilenet_v3_small"])
def test_a_backbone_trains_exports_and_names_its_weights(toy_dataset, tmp_path, arch):
    path, _ = _weights(tmp_path, arch)
    out = tmp_path / "model"
    model, evaluation, training = train.main(
        ["--dataset", str(toy_dataset), "--scheme", "pronuclear-3", "--out", str(out), "--size", "64",
         "--encoder", arch, "--pretrained-weights", str(path), "--embedding", "16", "--epochs", "2",
         "--frozen-epochs", "1", "--frames-per-epoch", "96", "--temporal-epochs", "3", "--heads", "lstm",
         "--window-hours", "4", "--seed", "3", "--threads", "2"])
    assert model["encoder"]["architecture"] == arch
    weights = model["encoder"]["initialWeights"]
    assert weights["kind"] == "torchvision-state-dict" and weights["sha256"].startswith("sha256:")
    card = (out / "card.md").read_text()
    assert f"fine-tuned from the torchvision state dict `{arch}.pt`" in card and "ImageNet" not in card
    assert (out / "encoder.onnx").stat().st_size > 0 and json.loads((out / "parity.json").read_text())["embedding"]
    assert np.isfinite(evaluation["lstm"]["decoded"]["accuracy"])
    java_parity(out)


def _launcher_jar():
    """The launcher jar the Maven build made (EMBRYO_STREAM_LAUNCHER_JAR); outside Maven, the one in launcher/target."""
    named = os.environ.get("EMBRYO_STREAM_LAUNCHER_JAR")
    if named:
        assert Path(named).is_file(), f"EMBRYO_STREAM_LAUNCHER_JAR={named} does not exist"
        return Path(named)
    built = sorted(Path(__file__).resolve().parents[2].glob("launcher/target/launcher-*.jar"))
    if not built:
        pytest.skip("no launcher jar: build it (./mvnw -pl launcher -am package) or run through Maven")
    return built[-1]


def java_parity(model_dir):
    """`embryo-stream check-model`: Java's preprocessing and ONNX Runtime on the model's parity fixture."""
    run = subprocess.run(["java", "-jar", str(_launcher_jar()), "check-model", str(model_dir)], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "parity ok" in run.stdout and "embedding: max difference" in run.stdout


@pytest.mark.parametrize("arch", ["vgg16", "resnet18", "mobilenet_v3_small", "efficientnet_b0"])
def test_every_backbone_exports_a_model_the_java_classifier_computes_alike(tmp_path, arch):
    out = tmp_path / arch
    parity.main(["--out", str(out), "--encoder", arch, "--size", "64", "--heads", "lstm"])
    assert json.loads((out / "model.json").read_text())["encoder"]["architecture"] == arch
    java_parity(out)
