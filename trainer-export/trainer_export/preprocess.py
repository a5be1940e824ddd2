"""The model's input arithmetic, identical to io.embryostream.frames.BlockAverage (Java).

Every step is float32 in the same order as the Java code (integer block sum, times the float32
reciprocal of factor*factor*255, minus mean, divided by std), so Java and Python feed a model
bit-identical inputs.
"""
import numpy as np
from PIL import Image

CANONICAL_SIZE = 256


class FrameFormatError(ValueError):
    pass


def read_gray8(path):
    """Reads a canonical frame: a 256x256 8-bit gray PNG, as a uint8 array."""
    with Image.open(path) as image:
        if image.mode != "L" or image.size != (CANONICAL_SIZE, CANONICAL_SIZE):
            raise FrameFormatError(
                f"{path}: expected a {CANONICAL_SIZE}x{CANONICAL_SIZE} 8-bit gray PNG (canonical frame), "
                f"got mode {image.mode} size {image.size}; was it written by export-dataset?")
        return np.array(image, dtype=np.uint8)


def block_sums(gray8, size):
    """Sums of each factor x factor block of a square uint8 image, factor = side / size."""
    side = gray8.shape[0]
    if gray8.shape != (side, side) or size < 1 or side % size:
        raise ValueError(f"model size {size} does not divide the {gray8.shape} frame")
    factor = side // size
    return gray8.reshape(size, factor, size, factor).sum(axis=(1, 3), dtype=np.int64), factor


def block_average_normalized(gray8, size, mean, std):
    """(mean of each block / 255 - mean) / std, as float32 [size, size]."""
    sums, factor = block_sums(gray8, size)
    return BlockSumNormalizer(factor, mean, std)(sums)


class BlockSumNormalizer:
    """Turns block sums (any integer dtype, any shape) into model inputs. Training keeps frames as uint16
    block sums, half the memory of float32 inputs, and normalizes each batch with this same arithmetic."""

    def __init__(self, factor, mean, std):
        self.mean, self.std = mean, std
        self._inv = np.float32(1.0) / np.float32(factor * factor * 255)

    def __call__(self, sums):
        return (sums.astype(np.float32) * self._inv - np.float32(self.mean)) / np.float32(self.std)


def plane_file_token(plane):
    """Focal plane offset as written in frame file names: p0, p15, m15."""
    return f"m{-plane}" if plane < 0 else f"p{plane}"


def parse_planes(text):
    """Focal planes as channels from a command line, e.g. "-15,0,15": the order given is the channel order."""
    try:
        planes = tuple(int(p) for p in text.split(","))
    except ValueError:
        raise ValueError(f"planes '{text}': expected signed offsets separated by commas, e.g. 0 or -15,0,15") from None
    if len(set(planes)) != len(planes):
        raise ValueError(f"planes '{text}' names a plane twice; each plane is one channel")
    return planes


def stand_in_planes(model_planes, carried):
    """The plane read for each of the model's channels when a stream carries only `carried`: the plane itself,
    else the nearest carried one (the lower on a tie), as the classifier's TimePointAssembler substitutes."""
    carried = sorted(set(carried))
    if not carried:
        raise ValueError("a stream carries at least one plane")
    return [p if p in carried else min(carried, key=lambda c: (abs(c - p), c)) for p in model_planes]
