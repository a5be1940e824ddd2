"""Per-frame CNN encoders: [N, planes, H, W] -> [N, D]. `small-cnn` and `resnet` are this project's, trained from
scratch; the torchvision backbones (backbones.py) start from a weights file the user brings, or from scratch.
Nothing is downloaded, and no pretraining is claimed that was not loaded."""
import torch
from torch import nn

from .backbones import BACKBONES, BackboneEncoder


def _conv_bn_relu(cin, cout, kernel=3, stride=1):
    return [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]


class SmallCnn(nn.Module):
    """Default encoder: a strided 5x5 stem then three conv+pool stages, sized for ~100s of frames/s
    on 2 CPU cores at 128x128."""

    def __init__(self, planes, embedding_size, width=16):
        super().__init__()
        layers = _conv_bn_relu(planes, width, kernel=5, stride=2)
        channels = width
        for multiple in (2, 3, 4):
            layers += _conv_bn_relu(channels, width * multiple) + [nn.MaxPool2d(2)]
            channels = width * multiple
        self.features = nn.Sequential(*layers)
        self.embed = nn.Linear(channels, embedding_size)

    def forward(self, frames):
        return self.embed(self.features(frames).mean(dim=(2, 3)))


class _ResidualBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.body = nn.Sequential(*_conv_bn_relu(cin, cout, stride=stride),
                                  nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.shortcut = (nn.Identity() if stride == 1 and cin == cout else
                         nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout)))

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


class ResNetCnn(nn.Module):
    """Deeper variant (ResNet-18-like layout at reduced width), the stand-in for the original VGG
    transfer model, trained from scratch."""

    def __init__(self, planes, embedding_size, width=16):
        super().__init__()
        blocks = _conv_bn_relu(planes, width, kernel=5, stride=2)
        channels = width
        for multiple, stride in ((1, 1), (2, 2), (4, 2), (8, 2)):
            blocks += [_ResidualBlock(channels, width * multiple, stride), _ResidualBlock(width * multiple, width * multiple, 1)]
            channels = width * multiple
        self.features = nn.Sequential(*blocks)
        self.embed = nn.Linear(channels, embedding_size)

    def forward(self, frames):
        return self.embed(self.features(frames).mean(dim=(2, 3)))


ENCODERS = {"small-cnn": SmallCnn, "resnet": ResNetCnn}


def encoder_names():
    return list(ENCODERS) + list(BACKBONES)


def build_encoder(architecture, planes, embedding_size, weights=None):
    """`weights`: a torchvision state-dict file for a torchvision backbone, loaded strictly."""
    if architecture in BACKBONES:
        return BackboneEncoder(architecture, planes, embedding_size, weights)
    if architecture not in ENCODERS:
        raise ValueError(f"unknown encoder '{architecture}'; known: {', '.join(encoder_names())}")
    if weights is not None:
        raise ValueError(f"--pretrained-weights is for the torchvision backbones ({', '.join(BACKBONES)}), not "
                         f"'{architecture}'; start it from another model with --init-from")
    return ENCODERS[architecture](planes, embedding_size)


def trainable_in_frozen_stage(encoder):
    """The parameters trained while the rest of the encoder is frozen: its embedding layer."""
    return list(encoder.embed.parameters())


class FrameClassifier(nn.Module):
    """Stage-1 training wrapper: encoder plus a linear classifier on the embedding."""

    def __init__(self, encoder, embedding_size, classes):
        super().__init__()
        self.encoder = encoder
        self.classify = nn.Sequential(nn.ReLU(), nn.Dropout(0.2), nn.Linear(embedding_size, classes))

    def forward(self, frames):
        return self.classify(self.encoder(frames))
