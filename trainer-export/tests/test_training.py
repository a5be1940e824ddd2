import numpy as np


def test_a_tiny_run_lowers_the_loss_and_beats_chance(trained):
    _, model, evaluation, training = trained
    losses = [h["loss"] for h in training["encoderHistory"]]
    assert losses[-1] < 0.8 * losses[0]
    for kind in ("lstm", "transformer"):
        assert training["headHistory"][kind][-1]["loss"] < training["headHistory"][kind][0]["loss"]
    # Chance: always answering the test split's most frequent class.
    confusion = np.array(evaluation["lstm"]["raw"]["confusion"])
    majority = confusion.sum(1).max() / confusion.sum()
    for kind in ("lstm", "transformer"):
        assert evaluation[kind]["decoded"]["accuracy"] > majority + 0.1, (kind, evaluation[kind]["decoded"]["accuracy"])


def test_card_is_written_with_the_disclaimer(trained):
    out = trained[0]
    card = (out / "card.md").read_text()
    assert "not clinical claims" in card and "no pretrained weights" in card
    assert (out / "card-confusion-lstm-decoded.png").stat().st_size > 0


def test_batch_norm_statistics_are_measured_on_the_calibration_frames():
    import torch
    from trainer_export.encoders import build_encoder
    from trainer_export.preprocess import BlockSumNormalizer
    from trainer_export.training import Sequences, recalibrate_batch_norm

    rng = np.random.default_rng(5)
    frames = [rng.integers(0, 1021, (6, 1, 32, 32)).astype(np.uint16) for _ in range(2)]
    seqs = Sequences(["a", "b"], frames, [np.zeros(6, dtype=np.int64)] * 2, [np.arange(6.0)] * 2, [None] * 2,
                     BlockSumNormalizer(8, 0.5, 0.2), [np.ones(6, dtype=np.int64)] * 2)
    encoder = build_encoder("small-cnn", 1, 8)
    encoder.train()
    with torch.no_grad():  # running statistics of other frames, as augmented training batches leave them
        encoder(torch.randn(16, 1, 32, 32) * 3 + 2)
    index = np.array([(0, 1), (1, 4), (0, 5), (1, 0)])
    recalibrate_batch_norm(encoder, seqs, index, "cpu", batch=2)

    stem, norm = encoder.features[0], encoder.features[1]
    x = torch.from_numpy(seqs.inputs(np.stack([frames[i][t] for i, t in index])))
    with torch.no_grad():
        y = stem(x)
    # the plain average of the two batches' statistics, nothing left of the earlier ones
    assert torch.allclose(norm.running_mean, y.mean(dim=(0, 2, 3)), atol=1e-5)
    batch_vars = torch.stack([y[:2].var(dim=(0, 2, 3)), y[2:].var(dim=(0, 2, 3))])
    assert torch.allclose(norm.running_var, batch_vars.mean(0), rtol=1e-4)
    assert norm.momentum == 0.1 and not encoder.training


def test_transformer_windows_hold_a_labelled_time_point():
    from trainer_export.training import _span

    rng = np.random.default_rng(1)
    first_day = np.full(420, -1)
    first_day[:66] = 1  # pronuclear-3: labelled until the pronuclei fade, ~22 h
    starts = set()
    for _ in range(500):
        a, b = _span(first_day, 48, rng)
        assert b - a == 48 and (first_day[a:b] >= 0).any()
        starts.add(a)
    assert max(starts) == 65 and min(starts) == 0  # every start that still sees a label is drawn
    assert _span(first_day, None, rng) == (0, 420)
    assert _span(first_day[:30], 48, rng) == (0, 30)


def test_the_cell_count_loss_trains_the_encoder_and_counts_are_read_from_the_dataset(toy_dataset):
    import torch

    from trainer_export.dataset import TrainingSet
    from trainer_export.preprocess import BlockSumNormalizer
    from trainer_export.schemes import class_names
    from trainer_export.training import Sequences, TrainConfig, train_encoder

    assert (TrainingSet.load(toy_dataset).embryos[0].cell_counts() == -1).all()  # the toy set has none
    lines = (toy_dataset / "labels.csv").read_text().splitlines()
    header = lines[0].split(",")
    rows = []
    for count, line in zip((1, 2, 4), lines[1:4]):
        row = line.split(",")
        row[header.index("cell_count")] = str(count)
        rows.append(",".join(row))
    (toy_dataset.parent / "counted").mkdir(exist_ok=True)
    (toy_dataset.parent / "counted" / "labels.csv").write_text("\n".join([lines[0]] + rows) + "\n")
    (toy_dataset.parent / "counted" / "manifest.json").write_text((toy_dataset / "manifest.json").read_text())
    assert list(TrainingSet.load(toy_dataset.parent / "counted").embryos[0].cell_counts()) == [1, 2, 4]

    rng = np.random.default_rng(2)
    frames = [rng.integers(0, 1021, (8, 1, 16, 16)).astype(np.uint16) for _ in range(2)]
    seqs = Sequences(["a", "b"], frames, [np.arange(8) % 3] * 2, [np.arange(8.0)] * 2, [None] * 2,
                     BlockSumNormalizer(16, 0.5, 0.2), [np.arange(1, 9)] * 2)

    def encoder_weights(weight):
        cfg = TrainConfig(scheme="pronuclear-3", size=16, epochs=2, frames_per_epoch=32, batch_size=16,
                          calibration_frames=16, count_loss_weight=weight, seed=1)
        torch.manual_seed(1)  # the same initial encoder: only the loss differs
        model, _ = train_encoder(seqs, seqs, cfg, class_names("pronuclear-3"), torch.device("cpu"))
        return torch.cat([p.detach().flatten() for p in model.encoder.parameters()])

    assert torch.equal(encoder_weights(0.0), encoder_weights(0.0))
    assert not torch.allclose(encoder_weights(0.0), encoder_weights(1.0))


def test_interval_subsampling_keeps_hours_and_labels_of_the_kept_time_points():
    import torch
    from trainer_export.training import interval_subsample

    rng = np.random.default_rng(3)
    hours = torch.arange(30, dtype=torch.float32) / 3  # 20-min frames
    emb = torch.stack([hours * 10, -hours], dim=1)  # [T, D], each row names its time point
    labels = torch.from_numpy(np.repeat([0, 1, 2], 10))
    labels_np = labels.numpy().copy()
    seen = set()
    for _ in range(200):
        e, h, y, yn = interval_subsample(emb, hours, labels, labels_np, strides=(1, 2, 3), rng=rng)
        t = torch.round(h * 3).long()  # which original time point each kept row is
        step = int(t[1] - t[0])
        seen.add((step, int(t[0])))
        assert torch.equal(t, torch.arange(int(t[0]), 30, step))  # every k-th from the phase, to the end
        assert torch.equal(e, emb[t]) and torch.equal(y, labels[t]) and (yn == labels_np[t.numpy()]).all()
        assert isinstance(yn, np.ndarray) and torch.is_tensor(e)
    assert seen == {(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)}  # every stride and phase is drawn


def test_interval_stride_one_is_the_identity():
    import torch
    from trainer_export.training import TrainConfig, interval_subsample

    assert TrainConfig(scheme="pronuclear-3").interval_strides == (1,)  # the default: no subsampling
    rng = np.random.default_rng(0)
    emb, hours, labels = torch.randn(7, 4), torch.arange(7.0), np.arange(7) % 3
    e, h, y = interval_subsample(emb, hours, labels, strides=(1,), rng=rng)
    assert torch.equal(e, emb) and torch.equal(h, hours) and (y == labels).all()


def test_default_strides_train_the_heads_as_before_and_other_strides_change_them():
    """--interval-strides 1 draws nothing extra: the heads are bit for bit those of a run without the option."""
    import torch
    from trainer_export.schemes import class_names
    from trainer_export.training import Sequences, TrainConfig, train_head

    rng = np.random.default_rng(4)
    torch.manual_seed(4)
    n, t, d = 6, 40, 8
    targets = [np.minimum(np.arange(t) // 10, 2) for _ in range(n)]
    hpi = [(np.arange(t) / 3.0).astype(np.float32) for _ in range(n)]
    seqs = Sequences([str(i) for i in range(n)], [None] * n, targets, hpi, [None] * n, None, [None] * n)
    passes = [[torch.randn(t, d) + torch.from_numpy(y).float()[:, None] for y in targets]]
    val = Sequences(seqs.embryos[:2], [None] * 2, targets[:2], hpi[:2], [None] * 2, None, [None] * 2)

    def heads(**kw):
        cfg = TrainConfig(scheme="pronuclear-3", embedding_size=d, temporal_epochs=2, seed=5, **kw)
        return {kind: train_head(kind, passes, seqs, passes[0][:2], val, cfg, class_names("pronuclear-3"), 12,
                                 "cpu")[0].state_dict() for kind in ("lstm", "transformer")}

    plain, one, two = heads(), heads(interval_strides=(1,)), heads(interval_strides=(1, 2))
    for kind in plain:
        assert all(torch.equal(plain[kind][k], one[kind][k]) for k in plain[kind])
        assert not all(torch.equal(plain[kind][k], two[kind][k]) for k in plain[kind])
