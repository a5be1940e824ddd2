"""Temperature scaling of a temporal head's probabilities, and how calibrated they are.

The head outputs softmax probabilities p; a temperature T rescales them as softmax(log(p) / T), the same as
dividing the head's logits by T (log p differs from the logits by a constant per time point). T > 1 softens
overconfident heads. Argmax and the monotone Viterbi path without a switch cost are unchanged by T, so the
evaluation's accuracy figures are too; what changes is what the probabilities claim: the expected calibration
error (ECE) and the confidences the classifier's decoder and review queue read. The Java classifier applies the
same formula (io.embryostream.model.TemperatureScaling).
"""
import numpy as np

ECE_BINS = 15
# log-space search range of T: 1/20 to 20, then refined; wider than any head trained here needs
_LOG_T_RANGE = (np.log(0.05), np.log(20.0))


def apply_temperature(probabilities, temperature):
    """softmax(log(p) / T) per row, in float64; rows of p must be probability vectors (zeros allowed)."""
    p = np.asarray(probabilities, dtype=np.float64)
    with np.errstate(divide="ignore"):
        z = np.log(p) / float(temperature)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def negative_log_likelihood(probabilities, labels, temperature):
    q = apply_temperature(probabilities, temperature)
    return float(-np.mean(np.log(np.maximum(q[np.arange(len(labels)), labels], 1e-12))))


def fit_temperature(probabilities, labels):
    """The T minimizing the mean negative log-likelihood of `labels` (one per row): golden-section search on log T
    (the NLL is convex in 1/T), to 1e-4 in log T. Deterministic."""
    p = np.asarray(probabilities, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    if len(y) == 0:
        raise ValueError("no labelled time points to fit a temperature on")
    lo, hi = _LOG_T_RANGE
    g = (np.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = negative_log_likelihood(p, y, np.exp(a)), negative_log_likelihood(p, y, np.exp(b))
    while hi - lo > 1e-4:
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = negative_log_likelihood(p, y, np.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = negative_log_likelihood(p, y, np.exp(b))
    return float(np.exp((lo + hi) / 2))


def reliability(probabilities, labels, bins=ECE_BINS):
    """Top-label reliability over equal-width confidence bins: per bin (lower, upper, count, mean confidence,
    accuracy), and the expected calibration error = sum over bins of count/N x |accuracy - confidence|."""
    p = np.asarray(probabilities, dtype=np.float64)
    y = np.asarray(labels, dtype=np.int64)
    confidence = p.max(axis=1)
    correct = (p.argmax(axis=1) == y).astype(np.float64)
    edges = np.linspace(0.0, 1.0, bins + 1)
    # a confidence of exactly 1 belongs to the last bin; each other to the bin whose upper edge exceeds it
    index = np.minimum(np.searchsorted(edges, confidence, side="right") - 1, bins - 1)
    rows, ece = [], 0.0
    for k in range(bins):
        mask = index == k
        n = int(mask.sum())
        conf = float(confidence[mask].mean()) if n else None
        acc = float(correct[mask].mean()) if n else None
        if n:
            ece += n / len(y) * abs(acc - conf)
        rows.append({"lower": float(edges[k]), "upper": float(edges[k + 1]), "count": n, "confidence": conf,
                     "accuracy": acc})
    return {"bins": rows, "ece": float(ece), "frames": int(len(y)),
            "accuracy": float(correct.mean()) if len(y) else None,
            "meanConfidence": float(confidence.mean()) if len(y) else None}
