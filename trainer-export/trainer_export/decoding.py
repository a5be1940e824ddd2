"""Monotone decoding: stages only move forward in time (FORMATS.md), so the most likely
non-decreasing class sequence is found by dynamic programming (Viterbi with forward-only moves;
skipping classes is allowed, as real embryos skip phases)."""
import numpy as np


def monotone_viterbi(probabilities, floor=1e-9):
    """[T, C] per-time-point probabilities -> [T] non-decreasing class indices maximising the summed
    log-probability."""
    logp = np.log(np.maximum(np.asarray(probabilities, dtype=np.float64), floor))
    t_len, classes = logp.shape
    if t_len == 0:
        return np.zeros(0, dtype=np.int64)
    score = logp[0].copy()
    back = np.zeros((t_len, classes), dtype=np.int64)
    for t in range(1, t_len):
        # best predecessor c' <= c: running maximum over the previous scores
        best_from = np.zeros(classes, dtype=np.int64)
        running = np.maximum.accumulate(score)
        for c in range(1, classes):
            best_from[c] = c if score[c] >= running[c - 1] else best_from[c - 1]
        back[t] = best_from
        score = running + logp[t]
    path = np.empty(t_len, dtype=np.int64)
    path[-1] = int(np.argmax(score))
    for t in range(t_len - 1, 0, -1):
        path[t - 1] = back[t, path[t]]
    return path
