import numpy as np

from trainer_export.metrics import detect_reversals, frame_scores, reversal_scores, transition_errors


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
