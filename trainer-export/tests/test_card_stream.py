"""The card's sections on what the model was validated on and on the Java stream evaluation, read from
tests/data/stream-evaluation.json (the harness's format, with optional keys left out in places)."""
import json
import logging
from pathlib import Path

from trainer_export import card
from trainer_export.bundle import weights_digest

FIXTURE = Path(__file__).parent / "data" / "stream-evaluation.json"


def _model_folder(root):
    """A model folder with just what the card refresh reads: model.json, card.json, card.md, weights.pt."""
    root.mkdir()
    model = {"name": "toy-model", "version": "0.1.0", "scheme": "pronuclear-3", "classes": ["pre-PB2", "PB2", "PN"],
             "input": {"size": 64, "planes": [0], "normalization": {"mean": 0.5383, "std": 0.0775}},
             "window": {"hours": 4.0, "timePoints": 12, "nominalIntervalHours": 0.3333},
             "temporal": {"default": "lstm", "heads": {"lstm": {}, "transformer": {}}},
             "data": {"source": "synthetic-incubator", "sourceVersion": "synthetic-incubator/1", "seed": 11}}
    (root / "model.json").write_text(json.dumps(model))
    (root / "card.json").write_text(json.dumps({"model": model, "data": model["data"]}))
    (root / "card.md").write_text("# Model card: toy-model 0.1.0\n\n## Model\n\ntext\n\n## Confusion matrices\n\n")
    (root / "weights.pt").write_bytes(b"toy weights")
    return root


def _stream_file(folder, weights):
    doc = json.loads(FIXTURE.read_text())
    doc["model"]["weightsSha256"] = weights
    (folder / "evaluation-stream").mkdir()
    (folder / card.STREAM_EVALUATION_FILE).write_text(json.dumps(doc))


def test_the_card_shows_the_stream_evaluation_of_its_own_weights(tmp_path):
    folder = _model_folder(tmp_path / "model")
    _stream_file(folder, weights_digest(folder / "weights.pt"))
    card.main(["--model", str(folder)])
    md = (folder / "card.md").read_text()

    section = md[md.index(card.STREAM_EVALUATION):md.index("## Confusion matrices")]
    assert "30 embryos, `synthetic-incubator/1`, seed 909" in section
    # interval table: difference in points to the 20-min run of the same head and lag, whatever the resample
    # setting (at the model's interval it changes nothing); the 2-h lag, run at 20 min only, stays out of it
    assert "| 20 | yes | lstm | 1.0 | 2160 | 0.910 | (reference) |" in section
    assert "| 10 | yes | lstm | 1.0 | 4320 | 0.905 | -0.5 pt |" in section
    assert "| 30 | no | lstm | 1.0 | 1440 | 0.700 | -21.0 pt |" in section
    assert "| 20 | yes | lstm | 2.0 |" not in section
    # detection delay: one column group per confirmation lag at 20 min, resampling on
    assert card.DETECTION_DELAY in section
    assert "lag 1.0 h: median delay (h) | lag 1.0 h: p90 (h) | lag 1.0 h: before onset | lag 1.0 h: missed" in section
    # before onset: 2 in the 1-h run; the 2-h run's file predates the count
    assert "| PB2 | 30 | 1.30 | 2.00 | 2 | 1 | 0.20 | 2.30 | 2.90 | – | 0 | – |" in section
    assert "| PN | 28 | 1.00 | 1.70 | – | 0 | 0.00 | – | – | – | 0 | – |" in section

    validated = md[md.index(card.VALIDATED_ON):md.index(card.STREAM_EVALUATION)]
    assert "frame interval 20.0 min" in validated and "(x/255 − 0.5383) / 0.0775" in validated
    assert "Planes [0]" in validated and "frame intervals 10, 20, 30 min" in validated
    assert "`embryo_interval_mismatch_total`" in validated and "`EmbryoInputDrift`" in validated
    written = json.loads((folder / "card.json").read_text())
    assert written["streamEvaluation"]["cohort"]["seed"] == 909
    assert written["validatedOn"]["normalization"] == {"mean": 0.5383, "std": 0.0775}

    card.main(["--model", str(folder)])
    assert (folder / "card.md").read_text() == md  # sections replaced in place


def test_a_stream_evaluation_of_other_weights_is_left_out_with_a_warning(tmp_path, caplog):
    folder = _model_folder(tmp_path / "model")
    _stream_file(folder, "sha256:" + "0" * 64)
    with caplog.at_level(logging.WARNING, logger="trainer_export"):
        card.main(["--model", str(folder)])
    assert any("stream-evaluation.json was not made with" in r.getMessage() for r in caplog.records)
    md = (folder / "card.md").read_text()
    section = md[md.index(card.STREAM_EVALUATION):md.index("## Confusion matrices")]
    assert "None for these weights yet" in section and "2160" not in section
    assert json.loads((folder / "card.json").read_text())["streamEvaluation"] is None


def test_without_a_stream_evaluation_the_card_says_none(tmp_path):
    folder = _model_folder(tmp_path / "model")
    card.main(["--model", str(folder)])
    md = (folder / "card.md").read_text()
    assert md.index(card.OTHER_EVALUATIONS) < md.index(card.VALIDATED_ON) < md.index(card.STREAM_EVALUATION) \
        < md.index("## Confusion matrices")
    assert "None for these weights yet" in md
    assert "window.nominalIntervalHours: the training data's median frame spacing" in md  # no data settings recorded


def test_an_evaluation_made_before_the_timing_figures_is_listed_without_them(tmp_path):
    folder = _model_folder(tmp_path / "model")
    scores = {"accuracy": 0.9, "macroF1": 0.8, "transitions": {"meanHours": 0.5, "missed": 1}}
    old = {"data": {"seed": 909, "splits": {"evaluated": "all", "embryos": 3},
                    "settings": {"intervalMinutes": 20.0, "timelines": "timelines sampled"}},
           "training": {"weights": weights_digest(folder / "weights.pt"), "command": "evaluate"},
           "evaluation": {"embryos": 3, "encoderOnly": {},
                          **{kind: {"raw": scores, "decoded": scores} for kind in ("lstm", "transformer")}}}
    (folder / "evaluation-old").mkdir()
    (folder / "evaluation-old" / "evaluation.json").write_text(json.dumps(old))
    card.main(["--model", str(folder)])
    md = (folder / "card.md").read_text()
    assert "| `evaluation-old/` | 3 | seed 909, every embryo; timelines sampled | lstm | decoded | 0.900 |" in md
    assert "Not in this evaluation (made before the per-transition confidence intervals)" in md
    assert "`evaluation-old/`: frame interval 20.0 min, 3 embryos" in md


def test_a_stream_evaluation_under_another_calibration_is_left_out_with_a_warning(tmp_path, caplog):
    folder = _model_folder(tmp_path / "model")
    _stream_file(folder, weights_digest(folder / "weights.pt"))  # the fixture predates calibration: T 1 for each head
    model = json.loads((folder / "model.json").read_text())
    model["temporal"]["heads"]["lstm"]["calibration"] = {"method": "temperature", "temperature": 0.9}
    (folder / "model.json").write_text(json.dumps(model))
    with caplog.at_level(logging.WARNING, logger="trainer_export"):
        card.main(["--model", str(folder)])
    assert any("measured with the temperatures" in r.getMessage() for r in caplog.records)
    assert json.loads((folder / "card.json").read_text())["streamEvaluation"] is None
