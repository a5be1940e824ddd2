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
