import math

import torch
import torch.nn.functional as F

from trainer_export.augment import _gaussian_blur, augment


def _blur_by_convolution(x, sigma):
    """Reference: the separable Gaussian as a depthwise convolution with replicate padding."""
    radius = max(1, int(math.ceil(2 * sigma)))
    offsets = torch.arange(-radius, radius + 1, dtype=x.dtype)
    kernel = torch.exp(-offsets ** 2 / (2 * sigma ** 2))
    kernel = kernel / kernel.sum()
    planes = x.shape[1]
    x = F.conv2d(F.pad(x, (radius, radius, 0, 0), mode="replicate"), kernel.view(1, 1, 1, -1).repeat(planes, 1, 1, 1),
                 groups=planes)
    return F.conv2d(F.pad(x, (0, 0, radius, radius), mode="replicate"), kernel.view(1, 1, -1, 1).repeat(planes, 1, 1, 1),
                    groups=planes)


def test_blur_equals_the_depthwise_gaussian_convolution():
    x = torch.randn(4, 3, 20, 24, generator=torch.Generator().manual_seed(1))
    for sigma in (0.3, 0.8, 1.2):
        assert torch.allclose(_gaussian_blur(x, sigma), _blur_by_convolution(x, sigma), atol=1e-5)


def test_augment_is_deterministic_per_seed_and_leaves_its_input_alone():
    x = torch.randn(64, 3, 32, 32, generator=torch.Generator().manual_seed(2))
    a = augment(x, torch.Generator().manual_seed(5))
    assert a.shape == x.shape
    assert torch.equal(a, augment(x, torch.Generator().manual_seed(5)))
    assert not torch.equal(a, augment(x, torch.Generator().manual_seed(6)))
    assert torch.equal(x, torch.randn(64, 3, 32, 32, generator=torch.Generator().manual_seed(2))), "input left alone"
