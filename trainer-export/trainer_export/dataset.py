"""Reads the training-set folder written by `embryo-stream export-dataset` (docs/DATASET.md)."""
import csv
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import DATASET_FORMAT
from .preprocess import CANONICAL_SIZE, block_average_normalized, block_sums, read_gray8
from .schemes import LABEL_COLUMNS, class_names

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("embryo", "time_point", "hpi", "plane", "pronuclear3", "gomez16",
                    "cell_count", "reversal", "split", "path")
SPLITS = ("train", "val", "test")


class DatasetFormatError(ValueError):
    pass


@dataclass
class TimePoint:
    index: int
    hpi: float
    paths: dict  # plane offset -> frame path relative to the dataset folder
    labels: dict  # labels.csv label column -> class name, None where unlabelled
    reversal: bool
    cell_count: int = -1  # the renderer's cell count, -1 where the dataset has none


@dataclass
class EmbryoSeries:
    embryo: str
    split: str
    time_points: list = field(default_factory=list)

    def hpi(self):
        return np.array([tp.hpi for tp in self.time_points], dtype=np.float32)

    def targets(self, scheme):
        """Class index per time point under `scheme`, -1 where unlabelled."""
        names = class_names(scheme)
        column = LABEL_COLUMNS[scheme]
        out = np.full(len(self.time_points), -1, dtype=np.int64)
        for i, tp in enumerate(self.time_points):
            name = tp.labels[column]
            if name is not None:
                if name not in names:
                    raise DatasetFormatError(
                        f"embryo {self.embryo} time point {tp.index}: label '{name}' is not a {scheme} class "
                        f"({', '.join(names)})")
                out[i] = names.index(name)
        return out

    def cell_counts(self):
        return np.array([tp.cell_count for tp in self.time_points], dtype=np.int64)

    def reversals(self):
        return np.array([tp.reversal for tp in self.time_points], dtype=bool)


class TrainingSet:
    """manifest.json plus the frames of labels.csv grouped into one time-ordered series per embryo."""

    def __init__(self, root, manifest, embryos):
        self.root = Path(root)
        self.manifest = manifest
        self.embryos = embryos

    @classmethod
    def load(cls, root):
        root = Path(root)
        manifest_path, labels_path = root / "manifest.json", root / "labels.csv"
        for p in (manifest_path, labels_path):
            if not p.is_file():
                raise DatasetFormatError(f"{p} not found; is {root} a folder written by export-dataset?")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != DATASET_FORMAT:
            raise DatasetFormatError(
                f"{manifest_path}: format is {manifest.get('format')!r}, expected {DATASET_FORMAT!r}")
        return cls(root, manifest, _read_labels(labels_path))

    def split(self, name):
        return [e for e in self.embryos if e.split == name]

    def planes(self):
        return sorted({p for e in self.embryos for tp in e.time_points for p in tp.paths})

    def nominal_interval_hours(self):
        """Median spacing of consecutive time points: the nominal frame interval."""
        steps = np.concatenate([np.diff(e.hpi()) for e in self.embryos if len(e.time_points) > 1])
        if steps.size == 0:
            raise DatasetFormatError(f"{self.root}: no embryo has two time points; cannot infer the frame interval")
        return float(np.median(steps))

    def normalization(self, size, planes, sample=256, seed=0):
        """Mean and std (4 decimals) of block-averaged training frames: the model's normalization."""
        frames = [(e, tp) for e in self.split("train") for tp in e.time_points]
        rng = np.random.default_rng(seed)
        picked = rng.choice(len(frames), size=min(sample, len(frames)), replace=False)
        # mean 0, std 1: the plain block means / 255 that the statistics are taken of
        values = np.stack([block_average_normalized(read_gray8(self.root / frames[i][1].paths[p]), size, 0.0, 1.0)
                           for i in picked for p in planes])
        return round(float(values.mean()), 4), round(max(float(values.std()), 1e-3), 4)

    def load_block_sums(self, series, size, planes):
        """Block sums of every time point of `series`, uint16 [T, planes, size, size]: the model inputs before
        normalization (BlockSumNormalizer), at half the memory of float32."""
        factor = CANONICAL_SIZE // size
        if factor * factor * 255 > np.iinfo(np.uint16).max:
            raise ValueError(f"model size {size}: blocks of {factor}x{factor} pixels overflow uint16 sums; use 16 or more")
        out = np.empty((len(series.time_points), len(planes), size, size), dtype=np.uint16)
        for i, tp in enumerate(series.time_points):
            for j, plane in enumerate(planes):
                if plane not in tp.paths:
                    raise DatasetFormatError(
                        f"embryo {series.embryo} time point {tp.index} has no plane {plane} frame; the model needs "
                        f"planes {planes}, the dataset has {self.planes()}")
                out[i, j] = block_sums(read_gray8(self.root / tp.paths[plane]), size)[0]
        return out


def _read_labels(path):
    by_embryo = {}
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DatasetFormatError(f"{path}: missing columns {missing}; expected header {','.join(REQUIRED_COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            try:
                embryo, split = row["embryo"], row["split"]
                index, plane = int(row["time_point"]), int(row["plane"])
                hpi = float(row["hpi"])
                cells = int(row["cell_count"]) if row["cell_count"] else -1
            except ValueError as e:
                raise DatasetFormatError(f"{path} line {line}: {e}") from e
            if split not in SPLITS:
                raise DatasetFormatError(f"{path} line {line}: split '{split}' is not one of {SPLITS}")
            series = by_embryo.setdefault(embryo, (EmbryoSeries(embryo, split), {}))
            if series[0].split != split:
                raise DatasetFormatError(f"{path} line {line}: embryo {embryo} appears in splits "
                                         f"{series[0].split} and {split}; splits must be per embryo")
            tp = series[1].get(index)
            if tp is None:
                tp = TimePoint(index, hpi, {}, {c: row[c] or None for c in LABEL_COLUMNS.values()},
                               row["reversal"] == "1", cells)
                series[1][index] = tp
            tp.paths[plane] = row["path"]
    embryos = []
    for series, points in by_embryo.values():
        series.time_points = [points[i] for i in sorted(points)]
        embryos.append(series)
    log.info("%s: %d embryos, %d time points", path, len(embryos), sum(len(e.time_points) for e in embryos))
    return embryos
