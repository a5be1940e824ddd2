import json

from trainer_export import evaluate


def test_stride_evaluates_every_kth_time_point_as_a_slower_stream(trained, toy_dataset, tmp_path):
    model_dir = trained[0]
    runs = {}
    for k in (1, 2):
        evaluate.main(["--model", str(model_dir), "--dataset", str(toy_dataset), "--split", "all", "--stride", str(k),
                       "--threads", "1", "--out", str(tmp_path / f"stride{k}")])
        runs[k] = json.loads((tmp_path / f"stride{k}" / "evaluation.json").read_text())
    from trainer_export.dataset import TrainingSet
    data = TrainingSet.load(toy_dataset)
    labelled = lambda step: sum(tp.labels.get("pronuclear3") is not None for e in data.embryos  # noqa: E731
                                for tp in e.time_points[::step])
    for k, run in runs.items():
        confusion = run["evaluation"]["lstm"]["raw"]["confusion"]
        assert sum(map(sum, confusion)) == labelled(k)  # phase 0, every k-th time point, labels kept with them
    assert "stride" not in runs[1]["data"] and runs[2]["data"]["stride"] == 2
