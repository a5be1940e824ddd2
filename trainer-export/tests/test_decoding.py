import itertools

import numpy as np

from trainer_export.decoding import monotone_viterbi


def test_hand_example_flicker_is_smoothed_into_one_forward_move():
    p = np.array([[0.9, 0.1, 0.0],
                  [0.6, 0.4, 0.0],
                  [0.2, 0.8, 0.0],
                  [0.7, 0.3, 0.0],   # a flicker back to class 0
                  [0.1, 0.8, 0.1],
                  [0.0, 0.1, 0.9]])
    assert monotone_viterbi(p).tolist() == [0, 0, 1, 1, 1, 2]
    assert p.argmax(1).tolist() == [0, 0, 1, 0, 1, 2]


def test_skipping_a_class_is_allowed():
    p = np.array([[0.9, 0.05, 0.05], [0.05, 0.05, 0.9], [0.1, 0.1, 0.8]])
    assert monotone_viterbi(p).tolist() == [0, 2, 2]


def test_matches_brute_force_and_is_monotone():
    rng = np.random.default_rng(0)
    for _ in range(20):
        p = rng.dirichlet(np.ones(3), size=6)
        best = max((s for s in itertools.product(range(3), repeat=6) if all(a <= b for a, b in zip(s, s[1:]))),
                   key=lambda s: np.log(p[np.arange(6), s]).sum())
        path = monotone_viterbi(p)
        assert np.all(np.diff(path) >= 0)
        assert np.isclose(np.log(p[np.arange(6), path]).sum(), np.log(p[np.arange(6), best]).sum())


def test_decoding_stops_where_the_scheme_stops_labelling():
    import numpy as np
    from trainer_export.evaluation import decode_within_span
    # Five labelled frames of class 0 then 1, then unlabelled frames that look like class 0 again
    # (pronuclear-3 after PN fading): decoding the whole sequence would pull the path back to 0.
    p = np.array([[0.9, 0.1]] * 3 + [[0.2, 0.8]] * 2 + [[0.99, 0.01]] * 20)
    targets = np.array([0, 0, 0, 1, 1] + [-1] * 20)
    decoded = decode_within_span(p, targets)
    assert list(decoded[:5]) == [0, 0, 0, 1, 1]
