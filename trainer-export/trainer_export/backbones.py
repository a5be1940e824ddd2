"""Torchvision backbones as frame encoders, started from a state-dict file the user brings (nothing is downloaded),
or from another of this project's trained models (`--init-from`).

Planes to channels: a backbone's first convolution takes 3 channels. With 3 planes they are its channels in the
model's plane order (as they would be R, G, B); with any other count the first convolution is rebuilt for that many
channels, each with the mean of its pretrained R, G and B kernels scaled by 3/planes, so a uniform gray frame in
every plane excites it as the same gray in R, G and B did. Input size: the canonical 256x256 frame block-averaged to
`--size` (a divisor of 256), the one rule Java's BlockAverage shares (tested by parity); these backbones end in
adaptive pooling, so any side from 64 up works: 256 (no resampling, nearest to ImageNet's 224) or 128.
"""
import hashlib
from pathlib import Path

import torch
import torchvision
from torch import nn


class WeightsError(ValueError):
    """A weights file that cannot be what it claims: refused with what is missing or extra."""


def _first_conv_path(arch):
    return {"vgg16": ("features", "0"), "resnet18": ("conv1",), "mobilenet_v3_small": ("features", "0", "0"),
            "efficientnet_b0": ("features", "0", "0")}[arch]


BACKBONES = {
    # name: (torchvision constructor, feature channels at the end of the trunk)
    "vgg16": (torchvision.models.vgg16, 512),
    "resnet18": (torchvision.models.resnet18, 512),
    "mobilenet_v3_small": (torchvision.models.mobilenet_v3_small, 576),
    "efficientnet_b0": (torchvision.models.efficientnet_b0, 1280),
}


def file_digest(path):
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _state_dict(path):
    try:
        state = torch.load(path, map_location="cpu")
    except Exception as e:  # a file torch cannot read at all
        raise WeightsError(f"{path}: not a PyTorch weights file ({e})") from None
    if isinstance(state, dict) and isinstance(state.get("state_dict"), dict):
        state = state["state_dict"]  # a training checkpoint that wraps the state dict
    if not isinstance(state, dict) or not state or not all(torch.is_tensor(v) for v in state.values()):
        raise WeightsError(f"{path}: not a state dict (a mapping of parameter names to tensors); save one with "
                           "torch.save(model.state_dict(), FILE)")
    return state


def _listing(keys, limit=6):
    keys = sorted(keys)
    return ", ".join(keys[:limit]) + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


def load_strict(module, path, what):
    """Loads `path` into `module` only when the names and shapes match exactly; otherwise WeightsError naming the
    missing, unexpected and mis-shaped keys."""
    state = _state_dict(path)
    expected = module.state_dict()
    missing = set(expected) - set(state)
    unexpected = set(state) - set(expected)
    shapes = [f"{k} {tuple(state[k].shape)} (expected {tuple(expected[k].shape)})"
              for k in sorted(set(expected) & set(state)) if state[k].shape != expected[k].shape]
    if missing or unexpected or shapes:
        parts = []
        if missing:
            parts.append(f"{len(missing)} missing keys ({_listing(missing)})")
        if unexpected:
            parts.append(f"{len(unexpected)} unexpected keys ({_listing(unexpected)})")
        if shapes:
            parts.append(f"{len(shapes)} keys of another shape ({_listing(shapes, 3)})")
        raise WeightsError(f"{path} is not a state dict of {what}: " + "; ".join(parts))
    module.load_state_dict(state, strict=True)


def _adapt_first_conv(net, arch, planes):
    path = _first_conv_path(arch)
    parent = net
    for name in path[:-1]:
        parent = getattr(parent, name) if not name.isdigit() else parent[int(name)]
    last = path[-1]
    conv = parent[int(last)] if last.isdigit() else getattr(parent, last)
    if planes == conv.in_channels:
        return
    new = nn.Conv2d(planes, conv.out_channels, conv.kernel_size, conv.stride, conv.padding, conv.dilation,
                    conv.groups, conv.bias is not None)
    with torch.no_grad():
        new.weight.copy_(conv.weight.mean(dim=1, keepdim=True).repeat(1, planes, 1, 1) * (conv.in_channels / planes))
        if conv.bias is not None:
            new.bias.copy_(conv.bias)
    if last.isdigit():
        parent[int(last)] = new
    else:
        setattr(parent, last, new)


def _trunk(net, arch):
    if arch == "resnet18":
        return nn.Sequential(net.conv1, net.bn1, net.relu, net.maxpool, net.layer1, net.layer2, net.layer3, net.layer4)
    return net.features


class BackboneEncoder(nn.Module):
    """A torchvision backbone's convolutional trunk, global average pooling and a linear embedding. The backbone's
    own classifier (ImageNet's 1000 classes; VGG's 120M-parameter MLP) is dropped."""

    def __init__(self, arch, planes, embedding_size, weights=None):
        super().__init__()
        if arch not in BACKBONES:
            raise ValueError(f"unknown backbone '{arch}'; known: {', '.join(BACKBONES)}")
        build, channels = BACKBONES[arch]
        net = build(weights=None)
        if weights is not None:
            load_strict(net, weights, f"torchvision {arch} (torchvision {torchvision.__version__})")
        _adapt_first_conv(net, arch, planes)
        self.backbone = _trunk(net, arch)
        self.embed = nn.Linear(channels, embedding_size)

    def forward(self, frames):
        return self.embed(self.backbone(frames).mean(dim=(2, 3)))
