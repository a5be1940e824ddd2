"""Training-time augmentation of normalized model inputs [B, P, H, W]: rotation, flips,
brightness/contrast, blur and noise. An embryo has no preferred orientation, and incubators differ
in illumination and focus."""
import math

import torch
import torch.nn.functional as F


def augment(frames, generator):
    b = frames.shape[0]
    device, dtype = frames.device, frames.dtype

    def uniform(lo, hi, *shape):
        return torch.rand(*shape, generator=generator, device=device, dtype=dtype) * (hi - lo) + lo

    # Rotation by any angle plus a random flip, in one resampling; border padding keeps the medium's tone.
    angle = uniform(-math.pi, math.pi, b)
    flip = torch.where(torch.rand(b, generator=generator, device=device) < 0.5, -1.0, 1.0).to(dtype)
    cos, sin = torch.cos(angle), torch.sin(angle)
    theta = torch.stack([torch.stack([cos * flip, -sin, torch.zeros_like(cos)], 1),
                         torch.stack([sin * flip, cos, torch.zeros_like(cos)], 1)], 1)
    grid = F.affine_grid(theta, list(frames.shape), align_corners=False)
    x = F.grid_sample(frames, grid, mode="bilinear", padding_mode="border", align_corners=False)

    # Contrast around each frame's mean, then brightness (normalized units).
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - mean) * uniform(0.75, 1.25, b, 1, 1, 1) + mean + uniform(-0.3, 0.3, b, 1, 1, 1)

    # Gaussian blur on half the batch (defocus), sigma up to 1.2 px; only the picked frames are blurred.
    sigma = float(uniform(0.3, 1.2, 1))
    pick = torch.rand(b, generator=generator, device=device) < 0.5
    if bool(pick.any()):
        x = x.clone()
        x[pick] = _gaussian_blur(x[pick], sigma)

    return x + torch.randn(x.shape, generator=generator, device=device, dtype=dtype) * uniform(0.0, 0.1, b, 1, 1, 1)


def _gaussian_blur(x, sigma):
    """Separable blur as weighted sums of shifted copies: Debian's torch runs the equivalent depthwise
    convolution about 10x slower, and it was two thirds of a training step."""
    radius = max(1, int(math.ceil(2 * sigma)))
    offsets = torch.arange(-radius, radius + 1, device=x.device, dtype=x.dtype)
    kernel = torch.exp(-offsets ** 2 / (2 * sigma ** 2))
    kernel = (kernel / kernel.sum()).tolist()
    h, w = x.shape[-2:]
    padded = F.pad(x, (radius, radius, 0, 0), mode="replicate")
    x = sum(k * padded[..., i:i + w] for i, k in enumerate(kernel))
    padded = F.pad(x, (0, 0, radius, radius), mode="replicate")
    return sum(k * padded[..., i:i + h, :] for i, k in enumerate(kernel))
