import numpy as np
import pytest
from PIL import Image

from trainer_export.preprocess import (BlockSumNormalizer, FrameFormatError, block_average_normalized, block_sums,
                                       plane_file_token, read_gray8, stand_in_planes)


def test_block_average_follows_the_java_float32_arithmetic():
    gray = np.zeros((4, 4), dtype=np.uint8)
    gray[:2, :2] = [[0, 255], [255, 255]]  # block sum 765
    gray[2:, 2:] = 7                      # block sum 28
    out = block_average_normalized(gray, 2, 0.5, 0.25)
    inv = np.float32(1) / np.float32(4 * 255)
    assert out.dtype == np.float32
    assert out[0, 0] == (np.float32(765) * inv - np.float32(0.5)) / np.float32(0.25)
    assert out[1, 1] == (np.float32(28) * inv - np.float32(0.5)) / np.float32(0.25)
    assert out[0, 1] == np.float32(-2.0)
    assert abs(float(out[0, 0]) - (765 / 1020 - 0.5) / 0.25) < 1e-6


def test_block_sums_normalize_in_batches_as_single_frames_do():
    gray = np.random.default_rng(3).integers(0, 256, (2, 256, 256)).astype(np.uint8)
    sums = np.stack([block_sums(g, 128)[0] for g in gray]).astype(np.uint16)
    batch = BlockSumNormalizer(2, 0.53, 0.08)(sums)
    assert batch.dtype == np.float32
    assert all(np.array_equal(batch[i], block_average_normalized(gray[i], 128, 0.53, 0.08)) for i in range(2))


def test_size_must_divide_the_frame():
    with pytest.raises(ValueError, match="does not divide"):
        block_average_normalized(np.zeros((256, 256), dtype=np.uint8), 100, 0.5, 0.25)


def test_rejects_a_frame_that_is_not_canonical(tmp_path):
    Image.new("RGB", (256, 256)).save(tmp_path / "rgb.png")
    Image.new("L", (200, 200)).save(tmp_path / "small.png")
    for name in ("rgb.png", "small.png"):
        with pytest.raises(FrameFormatError, match="256x256 8-bit gray PNG"):
            read_gray8(tmp_path / name)


def test_plane_tokens_match_the_dataset_file_names():
    assert [plane_file_token(p) for p in (0, 15, -15)] == ["p0", "p15", "m15"]


def test_a_missing_plane_is_stood_in_by_the_nearest_carried_one_as_the_classifier_does():
    assert stand_in_planes((-15, 0, 15), [0]) == [0, 0, 0]
    assert stand_in_planes((-15, 0, 15), [-30, 0, 30]) == [-30, 0, 0]  # tie at 15: the lower, as TimePointAssembler
    assert stand_in_planes((-15, 0, 15), [15, -15, 0]) == [-15, 0, 15]
    with pytest.raises(ValueError):
        stand_in_planes((0,), [])
