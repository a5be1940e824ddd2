import numpy as np

from trainer_export.metrics import (bootstrap_indices, detect_reversals, frame_scores, reversal_scores,
                                   transition_errors, transition_timing)


def test_macro_f1_leaves_rare_classes_apart():
    truth = np.array([0] * 60 + [1] * 60 + [2] * 3)
    pred = np.array([0] * 60 + [1] * 30 + [0] * 30 + [0] * 3)
    s = frame_scores(truth, pred, ("a", "b", "c"))
    assert s["rareClasses"] == ["c"] and s["macroF1Classes"] == ["a", "b"]
    f1_a = 2 * (60 / 93) * 1 / (60 / 93 + 1)
    f1_b = 2 * 1 * 0.5 / 1.5
    assert np.isclose(s["macroF1"], (f1_a + f1_b) / 2)
    assert s["perClass"]["b"]["recall"] == 0.5
    assert np.isclose(s["accuracy"], 90 / 123)


def test_transition_error_in_hours_and_missed_onsets():
    hpi = np.arange(8) * 0.25
    truth = np.array([-1, 0, 0, 1, 1, 1, 2, 2])
    pred = np.array([0, 0, 0, 0, 1, 1, 1, 1])  # class 1 one frame late, class 2 never
    t = transition_errors([(truth, pred, hpi)], ("a", "b", "c"), 0.25)
    assert t["perTransition"]["b"] == {"n": 1, "missed": 0, "meanHours": 0.25, "medianHours": 0.25}
    assert t["perTransition"]["c"]["missed"] == 1
    assert t["meanFrameIntervals"] == 1.0


def test_reversal_needs_a_sustained_drop_within_cleavage():
    cleavage = (3, 10)
    assert detect_reversals([3, 4, 5, 4, 4, 5], cleavage) == [3]
    assert detect_reversals([3, 4, 5, 4, 5, 5], cleavage) == []       # one-frame flicker
    assert detect_reversals([0, 1, 2, 3, 3, 4], cleavage) == []       # pronuclear phases do not count
    flags = np.array([0, 0, 0, 1, 0, 0], dtype=bool)
    s = reversal_scores([(flags, [3, 4, 5, 4, 4, 5]), (np.zeros(6, bool), [3, 4, 5, 4, 4, 4])], cleavage)
    assert s["embryos"]["recall"] == 1.0 and s["embryos"]["precision"] == 0.5


def _embryo(late_frames, frames=12, interval=0.5, onset=4, classes=2):
    """One embryo: class 0 then class 1 from `onset`; predicted `late_frames` late (None: never)."""
    hpi = np.arange(frames) * interval
    truth = np.where(np.arange(frames) < onset, 0, 1)
    pred = np.zeros(frames, int) if late_frames is None else np.where(np.arange(frames) < onset + late_frames, 0, 1)
    return truth, pred, hpi


def test_bootstrap_of_a_known_small_case():
    # two embryos, errors 0 h and 1 h: a resample holds both (p 1/2, mean 0.5), twice the first (p 1/4, mean 0)
    # or twice the second (p 1/4, mean 1); the 95 % percentile interval spans [0, 1]
    t = transition_timing([_embryo(0), _embryo(2)], ("a", "b"), 0.5)["perTransition"]["b"]
    assert (t["onsets"], t["detected"], t["missed"]) == (2, 2, 0)
    assert t["meanAbsHours"] == {"value": 0.5, "ci": [0.0, 1.0]}
    assert t["medianAbsHours"]["value"] == 0.5
    assert t["withinOneInterval"] == {"value": 0.5, "ci": [0.0, 1.0]}
    assert t["withinOneHour"] == {"value": 1.0, "ci": [1.0, 1.0]}


def test_bootstrap_intervals_hold_the_point_estimate_and_match_transition_errors():
    lates = np.random.default_rng(4).integers(-2, 6, 25)
    sequences = [_embryo(int(late)) for late in lates] + [_embryo(None)]
    timing = transition_timing(sequences, ("a", "b"), 0.5)
    t = timing["perTransition"]["b"]
    old = transition_errors(sequences, ("a", "b"), 0.5)["perTransition"]["b"]
    assert (t["detected"], t["missed"]) == (old["n"], old["missed"]) == (25, 1)
    assert np.isclose(t["meanAbsHours"]["value"], old["meanHours"])
    assert np.isclose(t["medianAbsHours"]["value"], old["medianHours"])
    for name in ("meanAbsHours", "medianAbsHours", "meanSignedHours", "withinOneInterval", "withinOneHour"):
        lo, hi = t[name]["ci"]
        assert lo <= t[name]["value"] <= hi and lo < hi, name
    # a missed onset counts as outside: shares are over all 26 onsets
    assert np.isclose(t["withinOneHour"]["value"], np.sum(np.abs(lates) * 0.5 <= 1) / 26)
    assert np.isclose(t["meanSignedHours"]["value"], np.mean(lates) * 0.5)
    assert timing["bootstrap"] == {"unit": "embryo", "embryos": 26, "resamples": 2000, "seed": 23, "confidence": 0.95,
                                   "interval": "percentile", "generator": "numpy.random.default_rng"}


def test_bootstrap_is_deterministic_with_its_seed():
    sequences = [_embryo(late) for late in (0, 1, 3, 5, 2, 0, 1)]
    first = transition_timing(sequences, ("a", "b"), 0.5)
    assert transition_timing(sequences, ("a", "b"), 0.5) == first
    other = transition_timing(sequences, ("a", "b"), 0.5, seed=24)
    assert other["bootstrap"]["seed"] == 24
    assert other["perTransition"]["b"]["meanAbsHours"]["ci"] != first["perTransition"]["b"]["meanAbsHours"]["ci"]
    assert (bootstrap_indices(7, 10, 3) == bootstrap_indices(7, 10, 3)).all()


def test_bootstrap_of_one_embryo_is_degenerate():
    t = transition_timing([_embryo(3)], ("a", "b"), 0.5)["perTransition"]["b"]
    assert t["meanAbsHours"] == {"value": 1.5, "ci": [1.5, 1.5]}
    assert t["withinOneInterval"] == {"value": 0.0, "ci": [0.0, 0.0]}
    missed = transition_timing([_embryo(None)], ("a", "b"), 0.5)["perTransition"]["b"]
    assert (missed["onsets"], missed["missed"]) == (1, 1)
    assert missed["meanAbsHours"] == {"value": None, "ci": None}  # nothing detected: no error to average
    assert missed["withinOneHour"] == {"value": 0.0, "ci": [0.0, 0.0]}


def test_within_one_interval_allows_for_float32_time_stamps():
    hpi = (np.arange(12) / 3).astype(np.float32)  # 20-min frames late in culture are not exact in float32
    hpi = hpi + np.float32(100.0)
    truth = np.where(np.arange(12) < 4, 0, 1)
    pred = np.where(np.arange(12) < 5, 0, 1)  # one frame late
    t = transition_timing([(truth, pred, hpi)], ("a", "b"), 1 / 3)["perTransition"]["b"]
    assert t["withinOneInterval"]["value"] == 1.0
