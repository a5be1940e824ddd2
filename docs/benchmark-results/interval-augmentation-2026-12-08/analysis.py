"""Table of eval/*-strideK (decoded accuracy, macro-F1, mean transition error per head and stride) and
embryo-level paired bootstrap intervals of each model's difference to A (2,000 resamples of the 30 embryos,
the same draws for every model, head and stride; numpy default_rng(23))."""
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, "/work/main/trainer-export")
from trainer_export.evaluation import decode_within_span  # noqa: E402
from trainer_export.metrics import frame_scores, transition_errors  # noqa: E402
from trainer_export.schemes import class_names  # noqa: E402

root = Path("/work/exp-interval/eval")
classes = class_names("pronuclear-3")
models = [m for m in ("shipped", "A", "B", "C", "A8", "B8", "C8") if (root / f"{m}-stride1" / "probs.pt").is_file()]
BASE = {"shipped": "A", "B": "A", "C": "A", "B8": "A8", "C8": "A8"}  # each difference is to the A of the same seed
strides = sorted({int(p.name.split("stride")[1]) for p in root.glob("*-stride*") if (p / "probs.pt").is_file()})
rng = np.random.default_rng(23)
draws = None


def per_embryo(data, kind):
    """Decoded predictions per embryo (as evaluate_split decodes them)."""
    return [decode_within_span(p, t) for p, t in zip(data["probs"][kind], data["targets"])]


def figures(targets, preds, hpi, pick):
    t = np.concatenate([targets[i] for i in pick])
    p = np.concatenate([preds[i] for i in pick])
    keep = t >= 0
    s = frame_scores(t[keep], p[keep], classes)
    tr = transition_errors([(targets[i], preds[i], hpi[i]) for i in pick], classes, 1.0)
    return np.array([s["accuracy"], s["macroF1"] if s["macroF1"] is not None else np.nan,
                     tr["meanHours"] if tr["meanHours"] is not None else np.nan])


rows, result = [], {}
for k in strides:
    for kind in ("lstm", "transformer"):
        base = {}
        for m in models:
            folder = root / f"{m}-stride{k}"
            if not (folder / "probs.pt").is_file():
                continue
            data = torch.load(folder / "probs.pt")
            ev = json.loads((folder / "evaluation.json").read_text())["evaluation"][kind]["decoded"]
            preds = per_embryo(data, kind)
            n = len(preds)
            if draws is None:
                draws = rng.integers(n, size=(2000, n))
            point = figures(data["targets"], preds, data["hpi"], range(n))
            # consistency: the recomputed figures are the evaluation's
            assert np.isclose(point[0], ev["accuracy"]) and np.isclose(point[2], ev["transitions"]["meanHours"])
            boot = np.array([figures(data["targets"], preds, data["hpi"], d) for d in draws])
            entry = {"accuracy": ev["accuracy"], "macroF1": ev["macroF1"], "meanTransitionErrorHours":
                     ev["transitions"]["meanHours"], "missed": ev["transitions"]["missed"],
                     "ci": {f: list(np.nanpercentile(boot[:, j], [2.5, 97.5])) for j, f in
                            enumerate(("accuracy", "macroF1", "meanTransitionErrorHours"))}}
            base[m] = (point, boot)
            if BASE.get(m) in base:
                diff = boot - base[BASE[m]][1]
                entry["minusA"] = {f: {"point": float(point[j] - base[BASE[m]][0][j]),
                                       "ci": list(np.nanpercentile(diff[:, j], [2.5, 97.5]))}
                                   for j, f in enumerate(("accuracy", "macroF1", "meanTransitionErrorHours"))}
            result[f"{m}/{kind}/stride{k}"] = entry
json.dump(result, open(root.parent / "results.json", "w"), indent=1)


def fmt(e, f, d=3):
    s = f"{e[f]:.{d}f}"
    if "minusA" in e:
        x = e["minusA"][f]
        s += f" ({x['point']:+.{d}f} [{x['ci'][0]:+.{d}f}, {x['ci'][1]:+.{d}f}])"
    return s


print("| stride (interval) | head | model | decoded accuracy | decoded macro-F1 | mean transition error h (missed) |")
print("|---|---|---|---|---|---|")
for k in strides:
    for kind in ("lstm", "transformer"):
        for m in models:
            e = result.get(f"{m}/{kind}/stride{k}")
            if e:
                print(f"| {k} ({20 * k} min) | {kind} | {m} | {fmt(e, 'accuracy')} | {fmt(e, 'macroF1')} | "
                      f"{fmt(e, 'meanTransitionErrorHours', 2)} ({e['missed']}) |")
