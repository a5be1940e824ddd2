import numpy as np
import pytest

from trainer_export.dataset import DatasetFormatError, TrainingSet
from trainer_export.preprocess import block_sums, read_gray8
from trainer_export.toyset import write_toy_dataset


def test_groups_planes_into_time_points(tmp_path):
    ts = TrainingSet.load(write_toy_dataset(tmp_path, embryos=5, time_points=6, planes=(-15, 0, 15)))
    assert ts.planes() == [-15, 0, 15]
    e = ts.embryos[0]
    assert [tp.index for tp in e.time_points] == list(range(1, 7))
    sums = ts.load_block_sums(e, 64, [-15, 0, 15])
    assert sums.shape == (6, 3, 64, 64) and sums.dtype == np.uint16
    # channel j holds plane planes[j]'s file, exactly (its inputs follow from BlockSumNormalizer)
    for j, plane in enumerate((-15, 0, 15)):
        assert np.array_equal(sums[3, j], block_sums(read_gray8(ts.root / e.time_points[3].paths[plane]), 64)[0])
    assert not np.array_equal(sums[3, 0], sums[3, 2])
    assert {s.split for s in ts.embryos} == {"train", "val", "test"}


def test_missing_column_is_named(tmp_path):
    root = write_toy_dataset(tmp_path, embryos=5, time_points=3)
    text = (root / "labels.csv").read_text().replace(",split,", ",fold,")
    (root / "labels.csv").write_text(text)
    with pytest.raises(DatasetFormatError, match=r"missing columns \['split'\]"):
        TrainingSet.load(root)


def test_an_embryo_in_two_splits_is_refused(tmp_path):
    root = write_toy_dataset(tmp_path, embryos=5, time_points=3)
    lines = (root / "labels.csv").read_text().splitlines()
    lines[1] = lines[1].replace(",train,", ",test,")
    (root / "labels.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(DatasetFormatError, match="splits must be per embryo"):
        TrainingSet.load(root)


def test_unknown_label_is_reported_with_the_scheme(tmp_path):
    root = write_toy_dataset(tmp_path, embryos=5, time_points=6)
    (root / "labels.csv").write_text((root / "labels.csv").read_text().replace(",tPB2,", ",tPB3,"))
    with pytest.raises(DatasetFormatError, match="'tPB3' is not a gomez-16 class"):
        TrainingSet.load(root).embryos[0].targets("gomez-16")
