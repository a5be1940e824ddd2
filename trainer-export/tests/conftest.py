import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from trainer_export import train  # noqa: E402
from trainer_export.toyset import write_toy_dataset  # noqa: E402


@pytest.fixture(scope="session")
def toy_dataset(tmp_path_factory):
    return write_toy_dataset(tmp_path_factory.mktemp("toy"), embryos=15, time_points=30, seed=1)


@pytest.fixture(scope="session")
def trained(toy_dataset, tmp_path_factory):
    """One tiny pronuclear-3 run shared by the training and export tests."""
    out = tmp_path_factory.mktemp("model")
    model, evaluation, training = train.main(
        ["--dataset", str(toy_dataset), "--scheme", "pronuclear-3", "--out", str(out), "--size", "64",
         "--epochs", "8", "--frames-per-epoch", "384", "--patience", "8", "--temporal-epochs", "40",
         "--window-hours", "4", "--seed", "3", "--threads", "1"])
    return out, model, evaluation, training
