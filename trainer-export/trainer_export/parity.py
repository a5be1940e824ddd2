"""Parity fixture: what the PyTorch model gives for one time point (one canonical PNG per model
plane), so the Java test (io.embryostream.model.ParityTest) can check that Java preprocessing +
ONNX Runtime Java agree within 1e-4. Written beside every exported model (parity/), and as small
test models, one plane and three planes as channels:

    /usr/bin/python3 -m trainer_export.parity --out ../model/src/test/resources/parity-model
    /usr/bin/python3 -m trainer_export.parity --planes=-15,0,15 --heads lstm \
        --out ../model/src/test/resources/parity-model-3planes
"""
import argparse
import shutil
from pathlib import Path

import numpy as np
import torch

from .exporting import export_graphs, model_json, write_json
from .preprocess import block_average_normalized, parse_planes, plane_file_token, read_gray8
from .temporal import LstmStep, TransformerWindow

FIXTURE = "parity.json"


def _floats(t):
    return np.asarray(t, dtype=np.float32).tolist()


@torch.no_grad()
def write_parity_fixture(model_dir, encoder, heads, cfg, normalization, window_tp, frame_paths, seed=3):
    """`frame_paths`: the PNG of each model plane of one time point, in channel order (cfg.planes);
    copied to model_dir/parity/. `planes` names each frame's plane so that Java can pick them by
    the model's plane list, as the classifier does, rather than trusting the file order."""
    out = Path(model_dir) / "parity"
    out.mkdir(parents=True, exist_ok=True)
    names = []
    for plane, src in zip(cfg.planes, frame_paths):
        names.append(f"frame_{plane_file_token(plane)}.png")
        shutil.copyfile(src, out / names[-1])
    x = np.stack([block_average_normalized(read_gray8(out / n), cfg.size, normalization["mean"], normalization["std"])
                  for n in names])[None]
    encoder = encoder.cpu().eval()
    embedding = encoder(torch.from_numpy(x))
    fixture = {"frames": [f"parity/{n}" for n in names], "planes": list(cfg.planes),
               "inputSum": float(x.astype(np.float64).sum()), "embedding": _floats(embedding[0]), "tolerance": 1e-4,
               "note": "row 0 of every batch below is the frame's embedding: Java puts its own there"}
    gen = torch.Generator().manual_seed(seed)
    scale = float(embedding.std()) + 1e-3

    def others(*shape):
        return torch.randn(*shape, generator=gen) * scale + float(embedding.mean())

    if "lstm" in heads:
        head = heads["lstm"].cpu().eval()
        emb = torch.cat([embedding, others(2, cfg.embedding_size)])
        hpi = torch.tensor([30.5, 2.0, 90.25])
        state = torch.cat([torch.zeros(1, head.state_size), torch.randn(2, head.state_size, generator=gen) * 0.5])
        probs, state_out = LstmStep(head)(emb, hpi, state)
        fixture["lstm"] = {"embedding": _floats(emb), "hpi": _floats(hpi), "state": _floats(state),
                           "probabilities": _floats(probs), "stateOut": _floats(state_out)}
    if "transformer" in heads:
        head = heads["transformer"].cpu().eval()
        lengths = torch.tensor([window_tp, min(5, window_tp), 1], dtype=torch.int64)
        emb = torch.zeros(3, window_tp, cfg.embedding_size)
        hours = torch.zeros(3, window_tp)
        for i, n in enumerate(lengths.tolist()):
            emb[i, :n] = others(n, cfg.embedding_size)
            hours[i, :n] = 20.0 + 10 * i + 0.25 * torch.arange(n)
        # The frame is each window's newest time point.
        emb[torch.arange(3), lengths - 1] = embedding[0]
        fixture["transformer"] = {"embeddings": _floats(emb), "hpi": _floats(hours), "lengths": lengths.tolist(),
                                  "probabilities": _floats(TransformerWindow(head)(emb, hours, lengths))}
    write_json(Path(model_dir) / FIXTURE, fixture)


def write_test_model(out_dir, size=64, embedding_size=16, window_tp=8, seed=5, planes=(0,),
                     heads=("lstm", "transformer"), encoder="small-cnn"):
    """A small seeded untrained model plus its parity fixture, for the Java tests. The encoder takes
    `planes` as channels in that order; the fixture is time point 7 of a toy embryo drawn in them."""
    import tempfile

    from .encoders import build_encoder
    from .temporal import build_head
    from .toyset import write_toy_dataset
    from .training import TrainConfig

    torch.manual_seed(seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cfg = TrainConfig(scheme="pronuclear-3", size=size, planes=tuple(planes), embedding_size=embedding_size,
                      heads=tuple(heads), encoder=encoder)
    classes = ("pre-PB2", "PB2", "PN")
    encoder = build_encoder(cfg.encoder, len(cfg.planes), embedding_size).eval()
    heads = {k: build_head(k, embedding_size, len(classes)).eval() for k in cfg.heads}
    normalization = {"mean": 0.4321, "std": 0.1234}
    window = {"hours": window_tp * 0.25, "timePoints": window_tp, "nominalIntervalHours": 0.25}
    graphs = export_graphs(out_dir, encoder, heads, cfg, classes, window_tp)
    manifest = {"source": "trainer-export parity test model (untrained)", "sourceVersion": "toy-1",
                "fingerprint": None, "seed": seed, "splitSeed": seed, "splits": None}
    write_json(out_dir / "model.json", model_json("parity-test", "0.0.1", cfg, classes, normalization, window, graphs,
                                                  manifest, {}, cfg.heads[0]))
    with tempfile.TemporaryDirectory() as tmp:
        toy = write_toy_dataset(tmp, embryos=1, time_points=8, planes=cfg.planes, seed=seed)
        write_parity_fixture(out_dir, encoder, heads, cfg, normalization, window_tp,
                             [toy / f"frames/toy000/0007_{plane_file_token(p)}.png" for p in cfg.planes])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder for the test model and its parity fixture")
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--embedding", type=int, default=16)
    parser.add_argument("--window", type=int, default=8, help="transformer window in time points")
    parser.add_argument("--planes", default="0", help="focal planes as channels, in channel order: 0 or =-15,0,15 (with '=': a leading minus reads as an option)")
    parser.add_argument("--heads", default="lstm,transformer", help="temporal heads; the first is the default")
    parser.add_argument("--encoder", default="small-cnn", help="any encoder of the trainer (untrained)")
    args = parser.parse_args(argv)
    write_test_model(args.out, args.size, args.embedding, args.window, planes=parse_planes(args.planes),
                     heads=tuple(args.heads.split(",")), encoder=args.encoder)


if __name__ == "__main__":
    main()
