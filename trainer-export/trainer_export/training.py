"""The two training stages: the frame CNN on augmented frames, then each temporal head on cached
embeddings. Early stopping on the validation embryos' macro-F1; the test split is never looked at."""
import copy
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from .augment import augment
from .encoders import FrameClassifier, build_encoder, trainable_in_frozen_stage
from .metrics import frame_scores
from .preprocess import CANONICAL_SIZE, BlockSumNormalizer
from .runtime import Progress
from .temporal import TransformerWindow, build_head, window_inputs

log = logging.getLogger("trainer_export")


@dataclass
class TrainConfig:
    scheme: str
    size: int = 128
    planes: tuple = (0,)
    encoder: str = "small-cnn"
    embedding_size: int = 64
    heads: tuple = ("lstm", "transformer")
    window_hours: float = 16.0
    epochs: int = 30
    frames_per_epoch: int = 4096
    batch_size: int = 64
    lr: float = 2e-3
    patience: int = 8
    max_minutes: float = 40.0  # wall-clock cap of the encoder stage
    temporal_epochs: int = 150
    temporal_patience: int = 15
    embedding_passes: int = 3  # augmented embeddings per training time point; each head epoch draws one per embryo
    # interval augmentation of the heads: each training sequence is seen, per draw, at one of these multiples of the
    # dataset's frame interval (every k-th time point from a random phase); (1,) = every time point, no draw
    interval_strides: tuple = (1,)
    val_frames: int = 2048
    calibration_frames: int = 1024
    count_loss_weight: float = 0.0  # auxiliary regression of log2(cell count) on cleavage frames (1-16 cells)
    seed: int = 7
    pretrained_weights: str = ""  # a torchvision state-dict file (torchvision backbones), loaded strictly
    init_from: str = ""  # a model folder of this project whose encoder starts this one
    frozen_epochs: int = 0  # first epochs train only the embedding layer and classifier, the rest frozen


@dataclass
class Sequences:
    """Per-embryo arrays of one split: frames as uint16 block sums [T, planes, S, S] (`inputs` turns them
    into model inputs), targets (-1 unlabelled), hours, reversal flags, cell counts (-1 unknown)."""
    embryos: list
    frames: list
    targets: list
    hpi: list
    reversals: list
    inputs: BlockSumNormalizer
    cell_counts: list


def load_split(training_set, split, cfg, mean, std, planes=None):
    """`planes` (default the model's) are the files read into the model's channels, in channel order."""
    series = training_set.split(split)
    planes = list(cfg.planes) if planes is None else planes
    return Sequences([s.embryo for s in series],
                     [training_set.load_block_sums(s, cfg.size, planes) for s in series],
                     [s.targets(cfg.scheme) for s in series], [s.hpi() for s in series],
                     [s.reversals() for s in series], BlockSumNormalizer(CANONICAL_SIZE // cfg.size, mean, std),
                     [s.cell_counts() for s in series])


def _labelled_index(seqs):
    return np.array([(i, t) for i, y in enumerate(seqs.targets) for t in np.flatnonzero(y >= 0)], dtype=np.int64)


def _batch(seqs, index):
    return torch.from_numpy(seqs.inputs(np.stack([seqs.frames[i][t] for i, t in index])))


def train_encoder(train, val, cfg, classes, device):
    """Stage 1: encoder + linear classifier, class-balanced sampling of training frames."""
    gen = torch.Generator(device=device)
    gen.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    encoder = build_encoder(cfg.encoder, len(cfg.planes), cfg.embedding_size, cfg.pretrained_weights or None)
    if cfg.init_from:
        start_from_model(encoder, cfg)
    model = FrameClassifier(encoder, cfg.embedding_size, len(classes)).to(device)
    if cfg.epochs == 0:  # no encoder stage: the --init-from model's encoder (and frame classifier) as it is
        if not cfg.init_from:
            raise ValueError("--epochs 0 trains no encoder: it needs --init-from, whose encoder is kept unchanged")
        keep_model_classifier(model, cfg)
        return model.eval(), []
    index = _labelled_index(train)
    labels = np.array([train.targets[i][t] for i, t in index])
    counts = np.bincount(labels, minlength=len(classes))
    # Balanced sampling: every present class drawn equally often (the original data was 80% one class).
    weights = 1.0 / counts[labels]
    weights /= weights.sum()
    # Clean, class-balanced training frames on which BatchNorm statistics are measured before every
    # validation: running statistics gathered on augmented batches misjudge clean frames (the shipped
    # gomez-16 encoder scored 0.50 on validation frames with them, 0.58 once recalibrated).
    calibration = index[rng.choice(len(index), min(cfg.calibration_frames, len(index)), p=weights)]
    val_index = _labelled_index(val)
    if len(val_index) > cfg.val_frames:
        val_index = val_index[rng.choice(len(val_index), cfg.val_frames, replace=False)]
    # Cross-entropy treats 6 vs 7 cells like 2 vs 8: a regression of log2(cell count) on the embedding asks the
    # encoder for a count that grows with the divisions. Training only; the exported encoder is unchanged.
    count_head = torch.nn.Linear(cfg.embedding_size, 1).to(device) if cfg.count_loss_weight > 0 else None
    parameters = list(model.parameters()) + (list(count_head.parameters()) if count_head is not None else [])
    optimizer = torch.optim.AdamW(parameters, lr=cfg.lr, weight_decay=1e-4)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=cfg.epochs)
    progress = Progress("encoder", cfg.epochs)
    best, best_state, stale, history = -1.0, None, 0, []
    always_trained = set(map(id, trainable_in_frozen_stage(model.encoder))) | set(map(id, model.classify.parameters()))
    for epoch in range(1, cfg.epochs + 1):
        for p in model.encoder.parameters():  # the frozen stage, then fine-tuning of everything
            p.requires_grad_(epoch > cfg.frozen_epochs or id(p) in always_trained)
        if epoch == cfg.frozen_epochs + 1 and cfg.frozen_epochs:
            log.info("encoder: frozen stage over after %d epochs; fine-tuning every layer", cfg.frozen_epochs)
        model.train()
        drawn = index[rng.choice(len(index), cfg.frames_per_epoch, p=weights)]
        total = 0.0
        for start in range(0, len(drawn), cfg.batch_size):
            part = drawn[start:start + cfg.batch_size]
            x = augment(_batch(train, part).to(device), gen)
            y = torch.from_numpy(np.array([train.targets[i][t] for i, t in part])).to(device)
            embedding = model.encoder(x)
            loss = F.cross_entropy(model.classify(embedding), y, label_smoothing=0.05)
            if count_head is not None:
                cells = torch.from_numpy(np.array([train.cell_counts[i][t] for i, t in part])).to(device)
                known = (cells >= 1) & (cells <= 16)
                if bool(known.any()):
                    predicted = count_head(embedding[known]).squeeze(1)
                    loss = loss + cfg.count_loss_weight * F.smooth_l1_loss(predicted, torch.log2(cells[known].float()))
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss) * len(part)
        schedule.step()
        recalibrate_batch_norm(model.encoder, train, calibration, device, cfg.batch_size * 2)
        preds = _predict_frames(model, val, val_index, device, cfg.batch_size * 2)
        scores = frame_scores(np.array([val.targets[i][t] for i, t in val_index]), preds, classes, min_support=1)
        history.append({"epoch": epoch, "loss": total / len(drawn), "valAccuracy": scores["accuracy"],
                        "valMacroF1": scores["macroF1"]})
        progress.epoch(epoch, len(drawn), loss=total / len(drawn), val_acc=scores["accuracy"],
                       val_macroF1=scores["macroF1"])
        if scores["macroF1"] > best:
            best, best_state, stale = scores["macroF1"], copy.deepcopy(model.state_dict()), 0
        else:
            stale += 1
        if stale >= cfg.patience:
            log.info("encoder: no validation gain for %d epochs, stopping early", stale)
            break
        if progress.elapsed() > cfg.max_minutes * 60:
            log.info("encoder: time budget of %.0f min reached, stopping", cfg.max_minutes)
            break
    model.load_state_dict(best_state)
    return model.eval(), history


def start_from_model(encoder, cfg):
    """Loads the encoder of another trained model (its weights.pt) into `encoder`: same architecture, planes and
    embedding size, or refused naming what differs."""
    path = Path(cfg.init_from) / "weights.pt"
    if not path.is_file():
        raise ValueError(f"--init-from {cfg.init_from}: no weights.pt there (a model folder written by this trainer)")
    data = torch.load(path, map_location="cpu")
    other = data["config"]
    differs = [f"{k} {other.get(k)!r} (this model: {v!r})" for k, v in
               (("encoder", cfg.encoder), ("planes", list(cfg.planes)), ("embedding_size", cfg.embedding_size))
               if (list(other.get(k)) if k == "planes" else other.get(k)) != v]
    if differs:
        raise ValueError(f"--init-from {cfg.init_from}: its encoder differs: " + "; ".join(differs))
    state = {k[len("encoder."):]: v for k, v in data["classifier"].items() if k.startswith("encoder.")}
    encoder.load_state_dict(state, strict=True)
    log.info("encoder started from %s (%s)", cfg.init_from, other.get("encoder"))


def keep_model_classifier(model, cfg):
    """--epochs 0: the frame classifier of the --init-from model too, when it has this one's classes (its BatchNorm
    statistics included: nothing is recalibrated); else the linear classifier stays untrained (encoder-only scores
    then mean nothing)."""
    state = torch.load(Path(cfg.init_from) / "weights.pt", map_location="cpu")["classifier"]
    if all(state.get(k) is not None and state[k].shape == v.shape for k, v in model.state_dict().items()):
        model.load_state_dict(state, strict=True)
        log.info("--epochs 0: encoder and frame classifier of %s kept unchanged", cfg.init_from)
    else:
        log.warning("--epochs 0: %s has other classes; its encoder is kept, the frame classifier is untrained",
                    cfg.init_from)


def init_normalization(cfg):
    """The --init-from model's normalization when no encoder epoch is trained (its encoder must see the inputs it
    was trained on), else None (train measures it on the training frames)."""
    if cfg.epochs != 0 or not cfg.init_from:
        return None
    return dict(torch.load(Path(cfg.init_from) / "weights.pt", map_location="cpu")["normalization"])


@torch.no_grad()
def recalibrate_batch_norm(encoder, seqs, index, device, batch):
    """Replaces every BatchNorm layer's running statistics by the plain average of their values over batches of
    `index`'s frames ('precise BatchNorm'), leaving the encoder in eval mode."""
    norms = [m for m in encoder.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    momenta = [m.momentum for m in norms]
    for m in norms:
        m.reset_running_stats()
        m.momentum = None  # cumulative average over the calibration batches
    encoder.train()
    for s in range(0, len(index), batch):
        encoder(_batch(seqs, index[s:s + batch]).to(device))
    for m, momentum in zip(norms, momenta):
        m.momentum = momentum
    encoder.eval()


@torch.no_grad()
def _predict_frames(model, seqs, index, device, batch):
    model.eval()
    out = [model(_batch(seqs, index[s:s + batch]).to(device)).argmax(1).cpu().numpy()
           for s in range(0, len(index), batch)]
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


@torch.no_grad()
def embed(encoder, seqs, device, batch=128, augment_with=None):
    """Embeddings [T, D] per embryo. `augment_with` (a generator) embeds augmented frames: used for the
    training split, whose clean embeddings the encoder has fitted and would look better than unseen ones
    (each call with the same generator draws another augmentation)."""
    encoder.eval()
    result = []
    for frames in seqs.frames:
        parts = []
        for s in range(0, len(frames), batch):
            x = torch.from_numpy(seqs.inputs(frames[s:s + batch])).to(device)
            if augment_with is not None:
                x = augment(x, augment_with)
            parts.append(encoder(x).cpu())
        result.append(torch.cat(parts))
    return result


def _class_weights(targets, classes):
    counts = np.bincount(np.concatenate([y[y >= 0] for y in targets]), minlength=classes).astype(np.float64)
    weights = np.where(counts > 0, np.sqrt(counts.sum() / np.maximum(counts, 1) / classes), 1.0)
    return torch.tensor(np.minimum(weights, 10.0), dtype=torch.float32)


def _pad(items, length, fill=0.0):
    out = torch.full((len(items), length) + tuple(items[0].shape[1:]), fill, dtype=items[0].dtype)
    for i, item in enumerate(items):
        out[i, :len(item)] = item
    return out


def train_head(kind, train_passes, train, val_emb, val, cfg, classes, window, device):
    """Stage 2: one temporal head on cached embeddings. `train_passes` holds one or more embeddings of every
    training embryo, each from its own augmentation of the frames; every epoch takes one of them per embryo, so
    the head does not learn one draw of augmentation noise by heart. The LSTM trains on whole sequences; the
    Transformer on windows of `window` time points, a fifth of them starting at the first time point
    so short histories are learnt as the classifier meets them."""
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed)
    pass_rng = np.random.default_rng(cfg.seed + 1)
    head = build_head(kind, cfg.embedding_size, len(classes)).to(device)
    optimizer = torch.optim.AdamW(head.parameters(), lr=2e-3, weight_decay=1e-3)
    class_weights = _class_weights(train.targets, len(classes)).to(device)
    targets = [torch.from_numpy(y) for y in train.targets]
    hours = [torch.from_numpy(h) for h in train.hpi]
    progress = Progress(kind, cfg.temporal_epochs)
    best, best_state, stale, history = -1.0, None, 0, []
    batch = 16
    strides = tuple(int(k) for k in cfg.interval_strides)
    # its own generator, and none at all for (1,): the default draws exactly what it drew before the option
    stride_rng = None if strides == (1,) else np.random.default_rng(cfg.seed + 2)
    for epoch in range(1, cfg.temporal_epochs + 1):
        head.train()
        order = rng.permutation(len(train_passes[0]))
        train_emb = [train_passes[p][i] for i, p in enumerate(pass_rng.integers(len(train_passes), size=len(order)))]
        total, n = 0.0, 0
        for s in range(0, len(order), batch):
            picked = order[s:s + batch]
            if stride_rng is None:
                seqs = [(train_emb[i], hours[i], targets[i], train.targets[i]) for i in picked]
            else:  # every k-th time point from a random phase: the head meets k times the frame interval
                seqs = [interval_subsample(train_emb[i], hours[i], targets[i], train.targets[i], strides=strides,
                                           rng=stride_rng) for i in picked]
            spans = [_span(q[3], window if kind == "transformer" else None, rng) for q in seqs]
            emb = _pad([q[0][a:b] for q, (a, b) in zip(seqs, spans)], max(b - a for a, b in spans))
            hpi = _pad([q[1][a:b] for q, (a, b) in zip(seqs, spans)], emb.shape[1])
            y = _pad([q[2][a:b] for q, (a, b) in zip(seqs, spans)], emb.shape[1], fill=-1)
            if not (y >= 0).any():
                continue  # nothing labelled: the loss would be 0/0 and the step pure momentum
            logits = head(emb.to(device), hpi.to(device))
            loss = F.cross_entropy(logits.reshape(-1, len(classes)), y.reshape(-1).to(device),
                                   weight=class_weights, ignore_index=-1)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(head.parameters(), 1.0)
            optimizer.step()
            total, n = total + float(loss), n + 1
        probs = [predict_head(kind, head, e, h, window, device) for e, h in zip(val_emb, val.hpi)]
        truth, preds = labelled_pairs(val.targets, [p.argmax(1) for p in probs])
        scores = frame_scores(truth, preds, classes, min_support=1)
        history.append({"epoch": epoch, "loss": total / max(n, 1), "valAccuracy": scores["accuracy"],
                        "valMacroF1": scores["macroF1"]})
        if epoch % 5 == 0 or epoch == 1:
            progress.epoch(epoch, len(order), loss=total / max(n, 1), val_acc=scores["accuracy"],
                           val_macroF1=scores["macroF1"])
        if scores["macroF1"] > best:
            best, best_state, stale = scores["macroF1"], copy.deepcopy(head.state_dict()), 0
        else:
            stale += 1
        if stale >= cfg.temporal_patience:
            log.info("%s: no validation gain for %d epochs, stopping at epoch %d", kind, stale, epoch)
            break
    head.load_state_dict(best_state)
    return head.eval(), history


def interval_subsample(*arrays, strides, rng):
    """The same time points of every array (first axis: time) as a stream at a multiple of the frame interval: a
    stride k drawn from `strides`, a phase drawn from 0..k-1, every k-th time point from there. Hours and labels
    stay those of the kept time points. Returns the arrays, subsampled, in order."""
    length = len(arrays[0])
    stride = int(strides[rng.integers(len(strides))])
    phase = int(rng.integers(stride)) if stride > 1 else 0
    keep = np.arange(min(phase, max(length - 1, 0)), length, stride)
    return tuple(a[torch.from_numpy(keep)] if torch.is_tensor(a) else a[keep] for a in arrays)


def _span(targets, window, rng):
    """Whole sequence (window None), else a window holding at least one labelled time point: pronuclear-3
    labels only the first day, and windows drawn over the whole culture were mostly unlabelled."""
    length = len(targets)
    if window is None or length <= window:
        return 0, length
    labelled = np.flatnonzero(targets >= 0)
    lo, hi = (0, length - window) if labelled.size == 0 else \
        (max(0, labelled[0] - window + 1), min(labelled[-1], length - window))
    start = 0 if rng.random() < 0.2 else int(rng.integers(lo, hi + 1))
    return start, start + window


def labelled_pairs(targets, preds):
    """Truth and prediction of every labelled time point, all embryos concatenated."""
    truth = np.concatenate(targets)
    pred = np.concatenate(preds)
    keep = truth >= 0
    return truth[keep], pred[keep]


@torch.no_grad()
def predict_head(kind, head, embeddings, hpi, window, device):
    """Probabilities [T, C] for one embryo, each time point from its past only, as the classifier runs."""
    head.eval()
    hpi = torch.as_tensor(hpi)
    if kind == "lstm":
        return torch.softmax(head(embeddings[None].to(device), hpi[None].to(device))[0], -1).cpu().numpy()
    emb, hours, lengths = window_inputs(embeddings, hpi, window)
    model = TransformerWindow(head)
    return torch.cat([model(emb[s:s + 256].to(device), hours[s:s + 256].to(device), lengths[s:s + 256].to(device))
                      for s in range(0, len(lengths), 256)]).cpu().numpy()
