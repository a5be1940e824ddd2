"""Evaluation figures on held-out embryos: frame-wise scores, transition timing in hours and
reverse-cleavage detection."""
import warnings

import numpy as np

MIN_SUPPORT = 50  # classes with fewer test frames are reported apart, not in the macro average


def confusion(y_true, y_pred, classes):
    m = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(m, (y_true, y_pred), 1)
    return m


def frame_scores(y_true, y_pred, class_names, min_support=MIN_SUPPORT):
    """Accuracy, per-class recall/precision/F1 and macro-F1 over classes with >= min_support frames."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    m = confusion(y_true, y_pred, len(class_names))
    support, predicted, hits = m.sum(1), m.sum(0), np.diag(m)
    per_class, macro, rare = {}, [], []
    for i, name in enumerate(class_names):
        if support[i] == 0:
            continue
        recall = hits[i] / support[i]
        precision = hits[i] / predicted[i] if predicted[i] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[name] = {"support": int(support[i]), "recall": float(recall), "precision": float(precision),
                           "f1": float(f1)}
        (macro if support[i] >= min_support else rare).append((name, f1))
    return {
        "frames": int(len(y_true)),
        "accuracy": float(hits.sum() / max(len(y_true), 1)),
        "macroF1": float(np.mean([f for _, f in macro])) if macro else None,
        "macroF1Classes": [n for n, _ in macro],
        "rareClasses": [n for n, _ in rare],
        "perClass": per_class,
        "confusion": m.tolist(),
    }


def transition_errors(sequences, class_names, interval_hours):
    """Onset timing error per transition. `sequences`: (targets [-1 = unlabelled], predictions, hpi)
    per embryo. A class's true onset is its first labelled time point; the predicted onset is the first
    time point predicted at or beyond it (missed when never)."""
    errors = {name: [] for name in class_names[1:]}
    missed = {name: 0 for name in class_names[1:]}
    for targets, preds, hpi in sequences:
        for k in range(1, len(class_names)):
            true_at = np.flatnonzero(targets == k)
            if true_at.size == 0:
                continue
            pred_at = np.flatnonzero(preds >= k)
            if pred_at.size == 0:
                missed[class_names[k]] += 1
            else:
                errors[class_names[k]].append(abs(float(hpi[pred_at[0]] - hpi[true_at[0]])))
    per = {n: {"n": len(e), "missed": missed[n], "meanHours": float(np.mean(e)) if e else None,
               "medianHours": float(np.median(e)) if e else None} for n, e in errors.items() if e or missed[n]}
    every = [x for e in errors.values() for x in e]
    mean = float(np.mean(every)) if every else None
    return {"perTransition": per, "meanHours": mean,
            "meanFrameIntervals": mean / interval_hours if mean is not None else None,
            "missed": int(sum(missed.values()))}


def detect_reversals(preds, cleavage_classes, persist=2):
    """Time points where the raw predicted cleavage stage drops below the highest cleavage stage seen
    so far and stays below for `persist` time points."""
    lo, hi = cleavage_classes
    found, peak, run = [], -1, 0
    for t, c in enumerate(preds):
        in_cleavage = lo <= c <= hi
        if in_cleavage and c < peak:
            run += 1
            if run == persist:
                found.append(t - persist + 1)
        else:
            run = 0
        if in_cleavage:
            peak = max(peak, c)
        elif c > hi:
            peak = -1  # past cleavage (compaction on): no cell counts to compare
    return found


def reversal_scores(sequences, cleavage_classes, tolerance=4):
    """Precision/recall of reverse-cleavage detection against the dataset's `reversal` flags, per
    embryo (any reversal) and per event (a detection within `tolerance` time points of a flag)."""
    tp = fp = fn = 0
    ev_tp = ev_fp = ev_fn = 0
    for flags, preds in sequences:
        truth = np.flatnonzero(flags)
        found = detect_reversals(preds, cleavage_classes)
        has_true, has_found = truth.size > 0, len(found) > 0
        tp += has_true and has_found
        fp += has_found and not has_true
        fn += has_true and not has_found
        matched = {t for t in truth if any(abs(f - t) <= tolerance for f in found)}
        ev_tp += len(matched)
        ev_fn += truth.size - len(matched)
        ev_fp += sum(1 for f in found if not any(abs(f - t) <= tolerance for t in truth))

    def pr(a, b, c):
        return {"precision": a / (a + b) if a + b else None, "recall": a / (a + c) if a + c else None,
                "truePositives": int(a), "falsePositives": int(b), "falseNegatives": int(c)}

    return {"embryos": pr(tp, fp, fn), "events": pr(ev_tp, ev_fp, ev_fn), "toleranceTimePoints": tolerance}


BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 23  # issue #23; fixed so that an evaluation's intervals are reproducible
CONFIDENCE = 0.95
TIE_HOURS = 0.01  # 36 s: time stamps this close count as equal (float32 hours, jittered clocks)


def onset_errors(sequences, k):
    """Per embryo, the transition into class k: (has a true onset, predicted onset found, predicted - true in hours;
    NaN when no onset or missed). Same definition as transition_errors."""
    has, found, signed = [], [], []
    for targets, preds, hpi in sequences:
        true_at = np.flatnonzero(np.asarray(targets) == k)
        pred_at = np.flatnonzero(np.asarray(preds) >= k)
        has.append(true_at.size > 0)
        found.append(true_at.size > 0 and pred_at.size > 0)
        signed.append(float(hpi[pred_at[0]] - hpi[true_at[0]]) if found[-1] else np.nan)
    return np.array(has, bool), np.array(found, bool), np.array(signed, float)


def _timing_statistics(has, found, signed, interval_hours):
    """The figures of one transition over embryos along the last axis (one row per bootstrap resample, or 1-D).
    Shares count every onset, a missed one as outside; mean and median cover the detected onsets."""
    err = np.abs(signed)
    onsets = has.sum(-1)
    per_onset = np.where(onsets, onsets, np.nan)  # a resample without an onset of this transition: NaN
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a resample without a detected onset: NaN
        return {
            "meanAbsHours": np.nanmean(err, axis=-1),
            "medianAbsHours": np.nanmedian(err, axis=-1),
            "meanSignedHours": np.nanmean(signed, axis=-1),
            "withinOneInterval": (found & (err <= interval_hours + TIE_HOURS)).sum(-1) / per_onset,
            "withinOneHour": (found & (err <= 1.0 + TIE_HOURS)).sum(-1) / per_onset,
        }


def bootstrap_indices(embryos, resamples=BOOTSTRAP_RESAMPLES, seed=BOOTSTRAP_SEED):
    """Embryo indices drawn with replacement: one row of `embryos` draws per resample."""
    return np.random.default_rng(seed).integers(0, embryos, size=(resamples, embryos))


def transition_timing(sequences, class_names, interval_hours, resamples=BOOTSTRAP_RESAMPLES, seed=BOOTSTRAP_SEED,
                      confidence=CONFIDENCE):
    """Per transition (the onset of every class but the first): onsets, missed, |timing error| in hours (mean,
    median), the share of onsets within one frame interval and within 1 h (a missed onset counts as outside), and
    the signed mean (predicted - true). Each figure has a percentile confidence interval from an embryo-level
    bootstrap: the embryos are resampled with replacement (`resamples` times, the same draws for every transition,
    numpy default_rng(seed)), and the figure is computed again over the embryos drawn, counting an embryo as often as
    it is drawn. Resamples in which a figure is undefined (no onset / no detected onset drawn) are left out of its
    interval. `sequences`: (targets [-1 = unlabelled], predictions, hpi) per embryo."""
    sequences = list(sequences)
    draws = bootstrap_indices(len(sequences), resamples, seed) if sequences else np.zeros((0, 0), int)
    tail = 100 * (1 - confidence) / 2
    per = {}
    for k in range(1, len(class_names)):
        has, found, signed = onset_errors(sequences, k)
        if not has.any():
            continue
        point = _timing_statistics(has, found, signed, interval_hours)
        boot = _timing_statistics(has[draws], found[draws], signed[draws], interval_hours)
        entry = {"onsets": int(has.sum()), "detected": int(found.sum()), "missed": int((has & ~found).sum())}
        for name, value in point.items():
            b = boot[name][~np.isnan(boot[name])]
            entry[name] = {"value": None if np.isnan(value) else float(value),
                           "ci": [float(x) for x in np.percentile(b, [tail, 100 - tail])] if b.size else None}
        per[class_names[k]] = entry
    return {"intervalHours": float(interval_hours), "tieHours": TIE_HOURS,
            "bootstrap": {"unit": "embryo", "embryos": len(sequences), "resamples": int(resamples), "seed": int(seed),
                          "confidence": confidence, "interval": "percentile", "generator": "numpy.random.default_rng"},
            "perTransition": per}
