"""A tiny dataset in the export-dataset format (docs/DATASET.md) with simple drawn shapes whose look
depends on the class: for the trainer's own tests and the parity fixture. It is not the synthetic
incubator and says nothing about real embryos."""
import csv
import hashlib
import io
import json
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from . import DATASET_FORMAT
from .preprocess import CANONICAL_SIZE, plane_file_token
from .schemes import SCHEMES

GOMEZ = SCHEMES["gomez-16"]
PRONUCLEAR = SCHEMES["pronuclear-3"]
INTERVAL_H = 0.5


def gomez_schedule(time_points, rng):
    """Gomez class index per time point (-1 before the first onset): every class in order, each held
    for a random number of time points."""
    out = np.full(time_points, -1)
    t = int(rng.integers(2, 5))
    for g in range(len(GOMEZ)):
        span = int(rng.integers(1, 4))
        out[t:t + span] = g
        t += span
        if t >= time_points:
            break
    out[t:] = out[t - 1] if t <= time_points else out[-1]
    return out


def pronuclear_label(g):
    """pronuclear-3 under the onset rules: 0 before tPB2, 1 from tPB2, 2 from tPNa, unlabelled after tPNf."""
    if g > GOMEZ.index("tPNf"):
        return None
    return PRONUCLEAR[0] if g < 0 else PRONUCLEAR[1] if g == 0 else PRONUCLEAR[2]


def draw_frame(g, plane, rng, cells=None):
    """256x256 gray: a zona ring, a polar body from tPB2 on, two pronuclei rings for tPNa..tPNf, then
    `cells` (default: the stage's count) discs. Out-of-focus planes are blurred by their distance and
    the cells shaded by their side (darker below, brighter above), so that the planes of a time point
    differ and a model's channel order shows."""
    image = Image.new("L", (CANONICAL_SIZE, CANONICAL_SIZE), 90)
    d = ImageDraw.Draw(image)
    c = CANONICAL_SIZE // 2 + rng.integers(-6, 7, size=2)
    d.ellipse([c[0] - 110, c[1] - 110, c[0] + 110, c[1] + 110], outline=200, width=8)
    if g >= 0:
        d.ellipse([c[0] + 70, c[1] - 95, c[0] + 92, c[1] - 73], fill=230)
    if cells is None:
        cells = 1 if g < 3 else min(g - 1, 9) if g <= 10 else 12
    radius = int(80 / np.sqrt(cells))
    for k in range(cells):
        angle = 2 * np.pi * k / cells + rng.uniform(0, 0.3)
        r = 0 if cells == 1 else 45
        x, y = c[0] + r * np.cos(angle), c[1] + r * np.sin(angle)
        d.ellipse([x - radius, y - radius, x + radius, y + radius], fill=150 + plane, outline=60, width=3)
    if 1 <= g <= 2:
        for dx in (-22, 22):
            d.ellipse([c[0] + dx - 14, c[1] - 14, c[0] + dx + 14, c[1] + 14], outline=30, width=4)
    image = image.filter(ImageFilter.GaussianBlur(1 + abs(plane) / 15))
    noisy = np.asarray(image, dtype=np.float32) + rng.normal(0, 6, (CANONICAL_SIZE, CANONICAL_SIZE))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), mode="L")


def write_toy_dataset(root, embryos=12, time_points=30, planes=(0,), seed=1, reversal_every=5):
    """Writes the folder and returns its path. Splits: 60/20/20 by embryo; every `reversal_every`-th
    embryo (from the third) shows two cells for one time point of its 4-cell stage: a reverse cleavage."""
    root = Path(root)
    rng = np.random.default_rng(seed)
    rows = []
    splits = {"train": 0, "val": 0, "test": 0}
    for e in range(embryos):
        embryo = f"toy{e:03d}"
        split = "train" if e < embryos * 0.6 else "val" if e < embryos * 0.8 else "test"
        splits[split] += 1
        schedule = gomez_schedule(time_points, rng)
        at_t4 = np.flatnonzero(schedule == GOMEZ.index("t4"))
        reverse_at = int(at_t4[0]) if e % reversal_every == 2 and at_t4.size else -1
        (root / "frames" / embryo).mkdir(parents=True, exist_ok=True)
        for t, g in enumerate(schedule, start=1):
            reversal = t - 1 == reverse_at
            hpi = round(2.0 + (t - 1) * INTERVAL_H, 3)
            for plane in planes:
                path = f"frames/{embryo}/{t:04d}_{plane_file_token(plane)}.png"
                draw_frame(g, plane, rng, cells=2 if reversal else None).save(root / path)
                rows.append({"embryo": embryo, "time_point": t, "hpi": hpi, "plane": plane,
                             "pronuclear3": pronuclear_label(g) or "", "gomez16": GOMEZ[g] if g >= 0 else "",
                             "cell_count": "", "reversal": int(reversal), "split": split, "path": path})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (root / "labels.csv").write_text(buffer.getvalue())
    digest = hashlib.sha256(buffer.getvalue().encode())
    for row in rows:
        digest.update((root / row["path"]).read_bytes())
    manifest = {"format": DATASET_FORMAT, "source": "trainer-export toy set", "sourceVersion": "toy-1",
                "seed": seed, "splitSeed": seed, "canonicalSize": CANONICAL_SIZE, "planes": list(planes),
                "embryos": embryos, "frames": len(rows), "splits": splits, "fingerprint": "sha256:" + digest.hexdigest()}
    (root / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return root
