import json
import shutil

from trainer_export import card, evaluate
from trainer_export.toyset import write_toy_dataset


def _replayed_toy_set(root):
    """A toy set whose manifest says what `export-dataset --real-timelines` writes in its settings."""
    data = write_toy_dataset(root, embryos=4, time_points=30, seed=5)
    manifest = json.loads((data / "manifest.json").read_text())
    manifest["settings"] = {"timelines": "real timelines replayed from 4 phases files", "intervalMinutes": 20.0}
    (data / "manifest.json").write_text(json.dumps(manifest))
    return data


def test_the_card_lists_the_evaluations_of_its_own_weights(trained, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(trained[0], model)
    data = _replayed_toy_set(tmp_path / "replayed")
    result = evaluate.main(["--model", str(model), "--dataset", str(data), "--split", "all",
                            "--out", str(model / "evaluation-real-timelines"), "--threads", "1"])

    card.main(["--model", str(model)])
    md = (model / "card.md").read_text()
    listed = json.loads((model / "card.json").read_text())["otherEvaluations"]["evaluation-real-timelines"]
    assert listed["embryos"] == 4
    for kind in ("lstm", "transformer"):
        for mode in ("raw", "decoded"):
            figures = listed["heads"][kind][mode]
            assert figures["accuracy"] == result[kind][mode]["accuracy"]
            assert (f"| `evaluation-real-timelines/` | 4 | seed 5, every embryo; real timelines replayed from 4 "
                    f"phases files | {kind} | {mode} | {result[kind][mode]['accuracy']:.3f} |") in md
    assert card.REAL_TIMELINES_CAVEAT in md
    assert md.index(card.OTHER_EVALUATIONS) < md.index("## Confusion matrices")
    # the default head's per-transition table with the bootstrap intervals of evaluation.json
    default = json.loads((model / "model.json").read_text())["temporal"]["default"]
    timing = result[default]["decoded"]["transitionTiming"]
    assert listed["transitionTiming"]["perTransition"] == timing["perTransition"]
    assert timing["bootstrap"]["resamples"] == 2000 and timing["bootstrap"]["embryos"] == 4
    assert f"### `evaluation-real-timelines/`: per transition, {default} (the default head), decoded" in md
    for name, t in timing["perTransition"].items():
        assert f"| {name} | {t['onsets']} | {t['missed']} | " in md
    assert "`evaluation-real-timelines/`: frame interval 20.0 min, 4 embryos" in md  # Validated on
    assert "not clinical claims" in md  # the generated card around the section is kept

    card.main(["--model", str(model)])
    assert (model / "card.md").read_text() == md  # refreshed in place, not appended again


def test_evaluations_of_other_weights_are_left_out(trained, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(trained[0], model)
    data = write_toy_dataset(tmp_path / "other", embryos=3, time_points=30, seed=6)
    evaluate.main(["--model", str(model), "--dataset", str(data), "--split", "all",
                   "--out", str(model / "evaluation-other-seed"), "--threads", "1"])
    with open(model / "weights.pt", "ab") as weights:  # as if the folder had been trained again since
        weights.write(b"\0")

    assert card.main(["--model", str(model)]) == {}
    md = (model / "card.md").read_text()
    assert "evaluation-other-seed/" not in md and card.REAL_TIMELINES_CAVEAT not in md
    assert json.loads((model / "card.json").read_text())["otherEvaluations"] == {}


def test_a_stream_with_fewer_planes_is_evaluated_with_stand_ins_and_said_so(trained, tmp_path):
    model = tmp_path / "model"
    shutil.copytree(trained[0], model)  # a one-plane model: plane 0
    data = write_toy_dataset(tmp_path / "planes", embryos=3, time_points=30, planes=(-15, 15), seed=7)
    evaluate.main(["--model", str(model), "--dataset", str(data), "--split", "all", "--stream-planes=-15,15",
                   "--out", str(model / "evaluation-off-centre"), "--threads", "1"])

    written = json.loads((model / "evaluation-off-centre" / "evaluation.json").read_text())
    assert written["data"]["planesRead"] == [-15]  # plane 0 missing: -15 and +15 are as near, the lower stands in
    card.main(["--model", str(model)])
    assert "stream of planes -15,15 only, the model's channels read [-15]" in (model / "card.md").read_text()
