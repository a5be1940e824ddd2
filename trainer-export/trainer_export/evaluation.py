"""Scores a trained encoder + heads on one split's embryos (held out: the test split, or a dataset
rendered from another seed)."""
import numpy as np
import torch

from .decoding import monotone_viterbi
from .metrics import frame_scores, reversal_scores, transition_errors, transition_timing
from .training import labelled_pairs, predict_head

# Classes between which a visible cell count exists: reverse cleavage is looked for there.
CLEAVAGE = {"gomez-16": ("t2", "t9+")}


def evaluate_split(classifier, heads, seqs, embeddings, classes, scheme, window, interval, device):
    with torch.no_grad():
        frame_only = [classifier.classify(e.to(device)).argmax(1).cpu().numpy() for e in embeddings]
    result = {"embryos": len(seqs.embryos),
              "encoderOnly": frame_scores(*labelled_pairs(seqs.targets, frame_only), classes)}
    cleavage = CLEAVAGE.get(scheme)
    for kind, head in heads.items():
        probs = [predict_head(kind, head, e, h, window, device) for e, h in zip(embeddings, seqs.hpi)]
        raw = [p.argmax(1) for p in probs]
        decoded = [decode_within_span(p, t) for p, t in zip(probs, seqs.targets)]
        result[kind] = {}
        for name, preds in (("raw", raw), ("decoded", decoded)):
            scores = frame_scores(*labelled_pairs(seqs.targets, preds), classes)
            sequences = list(zip(seqs.targets, preds, seqs.hpi))
            scores["transitions"] = transition_errors(sequences, classes, interval)
            scores["transitionTiming"] = transition_timing(sequences, classes, interval)
            result[kind][name] = scores
        if cleavage:
            bounds = (classes.index(cleavage[0]), classes.index(cleavage[1]))
            result[kind]["reverseCleavage"] = reversal_scores(list(zip(seqs.reversals, raw)), bounds)
    return result


def decode_within_span(probabilities, targets):
    """Monotone decoding over the span the scheme labels, as the original sequences ended there
    (pronuclear-3 ends at PN fading: later frames are unlabelled and would drag a monotone path back
    if decoded with it). Frames after the span keep their raw prediction; they are not scored."""
    labelled = np.nonzero(np.asarray(targets) >= 0)[0]
    end = int(labelled[-1]) + 1 if len(labelled) else len(probabilities)
    out = np.asarray(probabilities).argmax(1).copy()
    out[:end] = monotone_viterbi(np.asarray(probabilities)[:end])
    return out


def summary(result):
    """The few figures model.json carries; the card holds the rest."""
    out = {"embryos": result["embryos"], "encoderOnlyAccuracy": result["encoderOnly"]["accuracy"]}
    for kind in (k for k in result if k not in ("embryos", "encoderOnly")):
        d, r = result[kind]["decoded"], result[kind]["raw"]
        out[kind] = {"accuracy": r["accuracy"], "macroF1": r["macroF1"], "decodedAccuracy": d["accuracy"],
                     "decodedMacroF1": d["macroF1"], "decodedMeanTransitionErrorHours": d["transitions"]["meanHours"]}
    return out
