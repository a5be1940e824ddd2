import json
import shutil

import numpy as np
import pytest

from trainer_export import calibrate, card
from trainer_export.calibration import apply_temperature, fit_temperature, negative_log_likelihood, reliability


def _overconfident(n=20000, classes=4, true_t=2.5, seed=0):
    """Labels drawn from softmax(logits / true_t) while the model claims softmax(logits): overconfident by true_t."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 3, (n, classes))
    truth = np.exp(logits / true_t)
    truth /= truth.sum(1, keepdims=True)
    labels = np.array([rng.choice(classes, p=p) for p in truth])
    claimed = np.exp(logits - logits.max(1, keepdims=True))
    return claimed / claimed.sum(1, keepdims=True), labels


def test_the_fitted_temperature_recovers_the_overconfidence_and_lowers_ece_and_nll():
    p, y = _overconfident()
    t = fit_temperature(p, y)
    assert t == pytest.approx(2.5, rel=0.05)
    assert negative_log_likelihood(p, y, t) < negative_log_likelihood(p, y, 1.0)
    assert reliability(apply_temperature(p, t), y)["ece"] < 0.02 < reliability(p, y)["ece"]
    assert fit_temperature(p, y) == t  # deterministic


def test_temperature_scaling_keeps_rows_normalized_and_the_argmax_and_is_the_identity_at_one():
    p, _ = _overconfident(n=50)
    for t in (0.5, 1.0, 3.0):
        q = apply_temperature(p, t)
        assert np.allclose(q.sum(1), 1.0)
        assert (q.argmax(1) == p.argmax(1)).all()
    assert np.allclose(apply_temperature(p, 1.0), p)
    assert np.allclose(apply_temperature(np.array([[0.0, 1.0, 0.0]]), 2.0), [[0.0, 1.0, 0.0]])


def test_reliability_bins_a_hand_made_case():
    p = np.array([[0.95, 0.05], [0.95, 0.05], [0.55, 0.45], [0.55, 0.45]])
    y = np.array([0, 1, 0, 0])
    r = reliability(p, y, bins=10)
    top = r["bins"][9]
    assert (top["count"], top["confidence"], top["accuracy"]) == (2, pytest.approx(0.95), 0.5)
    assert r["bins"][5]["count"] == 2 and r["bins"][5]["accuracy"] == 1.0
    # ECE = 2/4 |0.5 - 0.95| + 2/4 |1.0 - 0.55|
    assert r["ece"] == pytest.approx(0.45)


def test_calibrate_writes_the_heads_temperatures_the_parity_rows_the_report_and_the_card(trained, toy_dataset,
                                                                                      tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(trained[0], folder)
    report = calibrate.main(["--model", str(folder), "--dataset", str(toy_dataset), "--threads", "1"])

    model = json.loads((folder / "model.json").read_text())
    parity = json.loads((folder / "parity.json").read_text())
    for kind in ("lstm", "transformer"):
        t = model["temporal"]["heads"][kind]["calibration"]["temperature"]
        assert t == report["heads"][kind]["temperature"] > 0
        assert model["temporal"]["heads"][kind]["calibration"]["method"] == "temperature"
        expected = apply_temperature(np.asarray(parity[kind]["probabilities"], dtype=np.float32), t)
        assert np.allclose(parity[kind]["calibratedProbabilities"], expected, atol=1e-7)
        h = report["heads"][kind]
        assert h["validation"]["nllAfter"] <= h["validation"]["nllBefore"] + 1e-9
        assert (folder / h["png"]).stat().st_size > 0
    assert report["fittedOn"]["split"] == "val" and report["scoredOn"]["split"] == "test"
    md = (folder / "card.md").read_text()
    section = md[md.index(card.CALIBRATION):]
    assert "fitted on the" in section and "| lstm |" in section and "reliability on test embryos" in section


def test_calibrate_refuses_a_dataset_other_than_the_models_training_set(trained, tmp_path):
    from trainer_export.toyset import write_toy_dataset
    other = write_toy_dataset(tmp_path / "other", embryos=4, time_points=10, seed=9)
    with pytest.raises(SystemExit, match="not the training set"):
        calibrate.main(["--model", str(trained[0]), "--dataset", str(other)])
