"""Model card (Markdown + JSON) and the confusion matrix PNGs of an evaluation; the card's section on the
model's other evaluations (its `evaluation-*/` folders).

    /usr/bin/python3 -m trainer_export.card --model models/gomez-16    # refresh that section after `evaluate`
"""
import argparse
import json
import re
from pathlib import Path

from .bundle import weights_digest
from .confusion_png import write_confusion_png
from .exporting import write_json
from .metrics import TIE_HOURS
from .runtime import log, setup_logging

DISCLAIMER = ("Figures measured on synthetic or toy data are not clinical claims: they show that the "
              "pipeline learns what the data shows, not how it performs on human embryos.")


def write_card(out_dir, model, evaluation, training, prefix="card"):
    """Writes <prefix>.json, <prefix>.md and confusion-<head>-<raw|decoded>.png under out_dir."""
    out_dir = Path(out_dir)
    classes = model["classes"]
    pngs = []
    for kind in model["temporal"]["heads"]:
        for mode in ("raw", "decoded"):
            name = f"{prefix}-confusion-{kind}-{mode}.png"
            write_confusion_png(evaluation[kind][mode]["confusion"], classes, out_dir / name,
                                f"{model['name']} {kind} {mode} (rows: truth)")
            pngs.append(name)
    card = {"model": {k: model[k] for k in ("name", "version", "scheme", "classes", "input", "embeddingSize", "window")},
            "encoder": {k: model["encoder"][k] for k in ("architecture", "pretrained", "initialWeights")
                        if k in model["encoder"]},
            "data": model["data"], "training": training, "evaluation": evaluation, "disclaimer": DISCLAIMER}
    write_json(out_dir / f"{prefix}.json", card)
    (out_dir / f"{prefix}.md").write_text(_markdown(model, evaluation, training, pngs))


OTHER_EVALUATIONS = "## Other evaluations"
REAL_TIMELINES_CAVEAT = (
    "Real timings, synthetic pixels: each embryo's phase onsets are those annotated for a real human embryo "
    "(Gomez et al. 2022), recorded until its last annotated frame as the real sequence was, but every frame is "
    "drawn by the synthetic incubator. These figures show how the model follows real developmental timing (skipped, "
    "missing and late phases, arrest), not how it reads real images: not a clinical claim.")


VALIDATED_ON = "## Validated on"
STREAM_EVALUATION = "## Detection delay and stream intervals (through the Java classifier)"
STREAM_EVALUATION_FILE = "evaluation-stream/stream-evaluation.json"
STREAM_EVALUATION_FORMAT = "embryo-stream-stream-evaluation/"
CLASSIFIER_INTERVALS = (
    "The classifier resamples a stream with a shorter frame interval to the model's interval and reports a "
    "mismatch otherwise (metric `embryo_interval_mismatch_total`); its input-drift gauges "
    "`embryo_input_pixel_mean` / `embryo_input_pixel_std` are compared with the normalisation above by the "
    "`EmbryoInputDrift` alert.")
CALIBRATION = "## Calibration"
CALIBRATION_FILE = "calibration.json"
DETECTION_DELAY = (
    "Detection delay = culture hours from the true onset to the time point whose StageEvent carried the confirmed "
    "TransitionEvent; the columns per confirmation lag let a lab trade lag against timing error. \"Before onset\" "
    "counts transitions placed and confirmed before the true onset (a negative delay: the onset was put too early).")


def other_evaluations(model_dir):
    """Headline figures of every <model_dir>/evaluation-*/evaluation.json made with this folder's weights.pt,
    keyed by folder name. Evaluations of other weights (an earlier training into the same folder) are left out
    with a warning: they say nothing about this model."""
    model_dir = Path(model_dir)
    weights = weights_digest(model_dir / "weights.pt")
    default = json.loads((model_dir / "model.json").read_text())["temporal"]["default"]
    found = {}
    for path in sorted(model_dir.glob("evaluation-*/evaluation.json")):
        card = json.loads(path.read_text())
        if card["training"].get("weights") != weights:
            log.warning("%s was not made with %s's weights.pt: left out of the card; run evaluate again",
                        path, model_dir)
            continue
        ev = card["evaluation"]
        found[path.parent.name] = {
            "data": card["data"], "embryos": ev["embryos"], "command": card["training"]["command"],
            "heads": {kind: {mode: {"accuracy": ev[kind][mode]["accuracy"], "macroF1": ev[kind][mode]["macroF1"],
                                    "transitionMeanHours": ev[kind][mode]["transitions"]["meanHours"],
                                    "missedOnsets": ev[kind][mode]["transitions"]["missed"]}
                              for mode in ("raw", "decoded")}
                      for kind in ev if kind not in ("embryos", "encoderOnly")}}
        decoded = ev.get(default, {}).get("decoded", {})
        found[path.parent.name]["intervalMinutes"] = _interval_minutes(card["data"], decoded)
        # per transition, the default head decoded (None: an evaluation made before these figures existed)
        found[path.parent.name]["transitionTiming"] = (
            {"head": default, "decoding": "decoded", **decoded["transitionTiming"]}
            if "transitionTiming" in decoded else None)
    return found


def _interval_minutes(data, scores=None):
    """A dataset's frame interval in minutes: its manifest settings, else the interval an evaluation measured."""
    minutes = data.get("settings", {}).get("intervalMinutes")
    if minutes is None and scores and "transitionTiming" in scores:
        minutes = scores["transitionTiming"]["intervalHours"] * 60
    return minutes


def replays_real_timelines(data):
    """True for a dataset whose synthetic embryos replay real annotations (export-dataset --real-timelines)."""
    return data.get("settings", {}).get("timelines", "").startswith("real timelines")


def refresh_other_evaluations(model_dir):
    """Rewrites the card's other-evaluations section (card.md) and key `otherEvaluations` (card.json) from the
    folder's evaluations; the rest of the card is kept as it is."""
    model_dir = Path(model_dir)
    evaluations = other_evaluations(model_dir)
    model = json.loads((model_dir / "model.json").read_text())
    stream = stream_evaluation(model_dir, model)
    card = json.loads((model_dir / "card.json").read_text())
    validated = validated_on(model, card, evaluations, stream)
    card["otherEvaluations"] = evaluations
    card["validatedOn"] = validated
    card["streamEvaluation"] = stream
    calibration = _calibration(model_dir)
    card["calibration"] = calibration
    write_json(model_dir / "card.json", card)
    md = (model_dir / "card.md").read_text()
    for heading, section in ((OTHER_EVALUATIONS, _other_evaluations_markdown(evaluations)),
                             (VALIDATED_ON, _validated_on_markdown(validated)),
                             (STREAM_EVALUATION, _stream_evaluation_markdown(stream, model)),
                             (CALIBRATION, _calibration_markdown(calibration))):
        md = _put_section(md, heading, section)
    (model_dir / "card.md").write_text(md)
    return evaluations


def _calibration(model_dir):
    """calibration.json (trainer_export.calibrate) when it calibrated the folder's current weights, else None."""
    path = Path(model_dir) / CALIBRATION_FILE
    if not path.exists():
        return None
    report = json.loads(path.read_text())
    if report.get("weightsSha256") != weights_digest(Path(model_dir) / "weights.pt"):
        log.warning("%s calibrated other weights: left out of the card (run trainer_export.calibrate again)", path)
        return None
    return report


def _calibration_markdown(report):
    lines = [CALIBRATION, ""]
    if report is None:
        return "\n".join(lines + ["Not calibrated: the heads' probabilities are used as trained "
                                   "(`python3 -m trainer_export.calibrate`).", "", ""])
    fitted, scored = report["fittedOn"], report["scoredOn"]
    lines += [f"Temperature scaling, {report['rule']}: fitted on the {fitted['embryos']} validation embryos of the "
              f"training set, scored on its {scored['embryos']} test embryos. The classifier applies it "
              "(softmax(log p / T)); accuracy and the offline decoded path do not change, the probabilities and the "
              "confidences the decoder and review queue read do.", "",
              "| head | T | test ECE before | test ECE after | test NLL before | test NLL after | test frames |",
              "|---|---|---|---|---|---|---|"]
    for kind, h in report["heads"].items():
        t = h["test"]
        lines.append(f"| {kind} | {h['temperature']:.3f} | {t['before']['ece']:.4f} | {t['after']['ece']:.4f} "
                     f"| {t['nllBefore']:.4f} | {t['nllAfter']:.4f} | {t['before']['frames']} |")
    for kind, h in report["heads"].items():
        lines += ["", f"### {kind}: reliability on test embryos", "",
                  f"![reliability {kind}]({h['png']})", "",
                  "| confidence | frames | mean confidence before | accuracy | mean confidence after | accuracy after |",
                  "|---|---|---|---|---|---|"]
        after = {(b["lower"], b["upper"]): b for b in h["test"]["after"]["bins"]}
        before = {(b["lower"], b["upper"]): b for b in h["test"]["before"]["bins"]}
        for key in sorted(set(before) | set(after)):
            b, a = before.get(key, {}), after.get(key, {})
            if not b.get("count") and not a.get("count"):
                continue
            lines.append(f"| {key[0]:.2f}–{key[1]:.2f} | {b.get('count', 0)} / {a.get('count', 0)} "
                         f"| {_fmt(b.get('confidence'))} | {_fmt(b.get('accuracy'))} | {_fmt(a.get('confidence'))} "
                         f"| {_fmt(a.get('accuracy'))} |")
    return "\n".join(lines + ["", ""])


def _put_section(md, heading, section):
    """Replaces the card's section `heading` (up to the next `## ` heading) or adds it before the confusion matrices."""
    existing = re.search(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", md, flags=re.M | re.S)
    if existing:
        return md[:existing.start()] + section + md[existing.end():]
    if "\n## Confusion matrices" in md:
        return md.replace("\n## Confusion matrices", "\n" + section + "## Confusion matrices", 1)
    return md.rstrip("\n") + "\n\n" + section


def stream_evaluation(model_dir, model):
    """<model_dir>/evaluation-stream/stream-evaluation.json (written by the Java stream-evaluation harness) when it
    was made with this folder's weights.pt, else None (left out with a warning, as the other evaluations are)."""
    path = Path(model_dir) / STREAM_EVALUATION_FILE
    if not path.is_file():
        return None
    doc = json.loads(path.read_text())
    if not str(doc.get("format", "")).startswith(STREAM_EVALUATION_FORMAT):
        log.warning("%s: format %r is not %s*: left out of the card", path, doc.get("format"),
                    STREAM_EVALUATION_FORMAT)
        return None
    recorded = str(doc.get("model", {}).get("weightsSha256", ""))
    if not recorded.startswith("sha256:"):
        recorded = "sha256:" + recorded
    if recorded != weights_digest(Path(model_dir) / "weights.pt"):
        log.warning("%s was not made with %s's weights.pt: left out of the card; run the stream evaluation again",
                    path, model_dir)
        return None
    # the classifier applies each head's calibration: figures measured under another temperature are stale too
    now = {k: h.get("calibration", {}).get("temperature", 1.0) for k, h in model["temporal"]["heads"].items()}
    then = doc.get("model", {}).get("temperatures") or {k: 1.0 for k in now}
    if any(abs(then.get(k, 1.0) - t) > 1e-9 for k, t in now.items()):
        log.warning("%s was measured with the temperatures %s, model.json now has %s: left out of the card; run the "
                    "stream evaluation again", path, then, now)
        return None
    return doc


def validated_on(model, card, evaluations, stream):
    """The frame intervals, planes and input statistics the model was trained and validated on."""
    settings = card.get("data", {}).get("settings") or model.get("data", {}).get("settings") or {}
    window = model["window"]
    if settings.get("intervalMinutes") is not None:
        training = {"intervalMinutes": settings["intervalMinutes"], "from": "the training dataset's settings"}
    else:
        training = {"intervalMinutes": window["nominalIntervalHours"] * 60,
                    "from": "window.nominalIntervalHours: the training data's median frame spacing"}
    data = card.get("data", model.get("data", {}))
    return {
        "training": {**training, "source": data.get("sourceVersion") or data.get("source"), "seed": data.get("seed"),
                     "splits": data.get("splits")},
        "window": {k: window.get(k) for k in ("nominalIntervalHours", "hours", "timePoints")},
        "planes": model["input"]["planes"], "size": model["input"]["size"],
        "normalization": model["input"]["normalization"],
        "evaluations": {name: {"intervalMinutes": e.get("intervalMinutes"), "embryos": e["embryos"],
                               **{k: e["data"][k] for k in ("streamPlanes", "stride") if e["data"].get(k)}}
                        for name, e in evaluations.items()},
        "streamIntervalsMinutes": sorted({r["intervalMinutes"] for r in (stream or {}).get("runs", [])
                                          if r.get("intervalMinutes") is not None}),
        "classifier": CLASSIFIER_INTERVALS,
    }


def _validated_on_markdown(v):
    t, w, n = v["training"], v["window"], v["normalization"]
    lines = [VALIDATED_ON, "",
             f"- Training and validation data: frame interval {_fmt(t['intervalMinutes'], 1)} min ({t['from']}); "
             f"`{t['source']}` seed {t['seed']}" + (f", embryos per split {t['splits']}" if t.get("splits") else ""),
             f"- Window: {w['timePoints']} time points at `window.nominalIntervalHours` = "
             f"{_fmt(w['nominalIntervalHours'], 4)} h ({_fmt(w['nominalIntervalHours'] * 60, 1)} min), {w['hours']} h",
             f"- Planes {v['planes']} (as channels, in that order), {v['size']}x{v['size']} block-averaged frames",
             f"- Normalisation: (x/255 − {n['mean']}) / {n['std']} (mean and std of block-averaged training frames)"]
    for name, e in v["evaluations"].items():
        planes = f", stream of planes {e['streamPlanes']} only" if e.get("streamPlanes") else ""
        planes += f", every {e['stride']}-th time point of the dataset" if e.get("stride") else ""
        lines.append(f"- `{name}/`: frame interval {_fmt(e['intervalMinutes'], 1)} min, {e['embryos']} embryos{planes}")
    if v["streamIntervalsMinutes"]:
        lines.append("- Through the Java classifier (`evaluation-stream/`): frame intervals "
                     + ", ".join(_fmt(m, 0) for m in v["streamIntervalsMinutes"]) + " min")
    return "\n".join(lines + ["", CLASSIFIER_INTERVALS, "", ""])


def _stream_evaluation_markdown(doc, model):
    lines = [STREAM_EVALUATION, ""]
    if doc is None:
        return "\n".join(lines + [f"None for these weights yet (`{STREAM_EVALUATION_FILE}`, written by the Java "
                                   "stream-evaluation harness, is absent or was made with other weights).", "", ""])
    cohort = doc.get("cohort", {})
    what = ", ".join(x for x in (f"{cohort['embryos']} embryos" if "embryos" in cohort else "",
                                 f"`{cohort['source']}`" if cohort.get("source") else "",
                                 f"seed {cohort['seed']}" if "seed" in cohort else "") if x)
    lines.append(f"The cohort ({what or 'not described'}) streamed through the Java classifier"
                 + (f": {cohort['description']}" if cohort.get("description") else "") + ".")
    if doc.get("command"):
        lines.append(f"Command: `{doc['command']}`.")
    runs = doc.get("runs", [])
    # the harness names its reference interval; else the model's (its window counts time points of that interval)
    nominal = doc.get("referenceIntervalMinutes") or model["window"]["nominalIntervalHours"] * 60

    def at_nominal(r):
        return r.get("intervalMinutes") is not None and abs(r["intervalMinutes"] - nominal) <= 0.05 * nominal

    def key(r):
        return r.get("head"), r.get("confirmLagHours")

    # At the model's own interval resampling changes nothing: a run with it on is the reference of both settings.
    references = {}
    for r in sorted((r for r in runs if at_nominal(r)), key=lambda r: r.get("resample") is True):
        references[key(r)] = r
    # Runs of a head and lag at one interval only (the other lags of the detection-delay table) stay out of it.
    intervals_of = {}
    for r in runs:
        intervals_of.setdefault(key(r), set()).add(r.get("intervalMinutes"))
    shown = [r for r in runs if len(intervals_of[key(r)]) > 1]
    lines += ["", "### Frame interval", "",
              f"Confirmed-stage accuracy over the labelled time points; difference, in percentage points, to the "
              f"{_fmt(nominal, 0)}-min run (the model's interval, where resampling changes nothing) of the same head "
              "and confirmation lag.", "",
              "| interval (min) | resample | head | confirm lag (h) | labelled frames | confirmed-stage accuracy "
              f"| difference to the {_fmt(nominal, 0)}-min run |", "|---|---|---|---|---|---|---|"]
    order = (lambda r: (str(r.get("head")), r.get("confirmLagHours") or 0, r.get("resample") is not True,
                        r.get("intervalMinutes") or 0))
    for r in sorted(shown, key=order):
        ref = references.get(key(r))
        if ref is r:
            diff = "(reference)"
        elif ref is None or r.get("confirmedStageAccuracy") is None or ref.get("confirmedStageAccuracy") is None:
            diff = "–"
        else:
            diff = f"{100 * (r['confirmedStageAccuracy'] - ref['confirmedStageAccuracy']):+.1f} pt"
        resample = {True: "yes", False: "no"}.get(r.get("resample"), "–")
        lines.append(f"| {_fmt(r.get('intervalMinutes'), 0)} | {resample} | {r.get('head', '–')} "
                     f"| {_fmt(r.get('confirmLagHours'), 1)} | {r.get('labelledFrames', '–')} "
                     f"| {_fmt(r.get('confirmedStageAccuracy'))} | {diff} |")
    delay_runs = [r for r in runs if at_nominal(r) and r.get("resample", True) is not False and r.get("transitions")]
    heads = sorted({r.get("head") for r in delay_runs}, key=lambda h: (h != model["temporal"]["default"], str(h)))
    lines += ["", "### Detection delay", "", DETECTION_DELAY]
    if not heads:
        lines += ["", f"No run at the {_fmt(nominal, 0)}-min interval with resampling and per-transition figures."]
    for head in heads:
        by_lag = sorted((r for r in delay_runs if r.get("head") == head), key=lambda r: r.get("confirmLagHours") or 0)
        names = [c for c in model["classes"] if any(c in r["transitions"] for r in by_lag)]
        names += [n for r in by_lag for n in r["transitions"] if n not in names]
        names = list(dict.fromkeys(names))
        header = ["transition", "onsets"]
        for r in by_lag:
            lag = f"lag {_fmt(r.get('confirmLagHours'), 1)} h"
            header += [f"{lag}: median delay (h)", f"{lag}: p90 (h)", f"{lag}: before onset", f"{lag}: missed",
                       f"{lag}: median \\|error\\| (h)"]
        lines += ["", f"{head}, {_fmt(nominal, 0)}-min interval, resampling on"
                  + (" (the model's default head)" if head == model["temporal"]["default"] else "") + ":", "",
                  "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for name in names:
            figures = [r["transitions"].get(name, {}) for r in by_lag]
            onsets = next((f["onsets"] for f in figures if "onsets" in f), "–")
            row = [name, str(onsets)]
            for f in figures:
                delay, error = f.get("detectionDelayHours", {}), f.get("timingErrorHours", {})
                row += [_fmt(delay.get("median"), 2), _fmt(delay.get("p90"), 2),
                        str(f.get("confirmedBeforeOnset", "–")), str(f.get("missed", "–")), _fmt(error.get("median"), 2)]
            lines.append("| " + " | ".join(row) + " |")
    lines += _review_curve_markdown(delay_runs, model, nominal)
    return "\n".join(lines + ["", ""])


def _review_curve_markdown(runs, model, nominal):
    """The coverage–accuracy curve of the default head's run at the model's interval and the default lag (2 h)."""
    head = model["temporal"]["default"]
    candidates = [r for r in runs if r.get("head") == head and r.get("reviewCurve")]
    if not candidates:
        return []
    run = min(candidates, key=lambda r: abs((r.get("confirmLagHours") or 0) - 2.0))
    curve = run["reviewCurve"]
    lines = ["", "### Confidence of confirmed transitions: coverage and accuracy", "",
             f"Every TransitionEvent of the {head} head as the classifier emitted it ({_fmt(nominal, 0)}-min interval, "
             f"lag {_fmt(run.get('confirmLagHours'), 1)} h; {curve['transitions']} transitions), by its `confidence`: "
             "the share at or above each threshold (what a review queue would auto-accept) and how many of those "
             f"put the onset within {_fmt(curve['toleranceHours'], 1)} h of the true onset of the stage they name (a "
             "stage the embryo never reached counts as wrong). The probabilities are the model's after its calibration (section Calibration), if any.",
             "", "| confidence ≥ | auto-accepted | share | accuracy (onset within "
             f"{_fmt(curve['toleranceHours'], 1)} h) |", "|---|---|---|---|"]
    for p in curve["points"]:
        lines.append(f"| {p['threshold']:.2f} | {p['accepted']} | {_fmt(p['coverage'])} | {_fmt(p['accuracy'])} |")
    return lines


def _other_evaluations_markdown(evaluations):
    lines = [OTHER_EVALUATIONS, ""]
    if not evaluations:
        return "\n".join(lines + ["None yet: `python3 -m trainer_export.evaluate --model DIR --dataset D "
                                   "--split all --out DIR/evaluation-NAME`, then `python3 -m trainer_export.card "
                                   "--model DIR`.", "", ""])
    lines += ["Full figures (per class, per transition, confusion matrices) in each folder's `evaluation.md`.", "",
              "| evaluation | embryos | data | head | decoding | accuracy | macro-F1 "
              "| mean transition error (h) | missed onsets |",
              "|---|---|---|---|---|---|---|---|---|"]
    for name, e in evaluations.items():
        data = e["data"]
        split = data["splits"]["evaluated"]
        what = f"seed {data.get('seed')}, " + ("every embryo" if split == "all" else f"{split} split")
        if data.get("settings", {}).get("timelines"):
            what += f"; {data['settings']['timelines']}"
        if data.get("streamPlanes"):
            what += f"; stream of planes {data['streamPlanes']} only, the model's channels read {data['planesRead']}"
        for kind, modes in e["heads"].items():
            for mode, s in modes.items():
                lines.append(f"| `{name}/` | {e['embryos']} | {what} | {kind} | {mode} | {_fmt(s['accuracy'])} "
                             f"| {_fmt(s['macroF1'])} | {_fmt(s['transitionMeanHours'], 2)} | {s['missedOnsets']} |")
    if any(replays_real_timelines(e["data"]) for e in evaluations.values()):
        lines += ["", f"> {REAL_TIMELINES_CAVEAT}"]
    timed = [e["transitionTiming"] for e in evaluations.values() if e.get("transitionTiming")]
    if timed:
        lines += ["", timing_note(timed[0], each_interval=True)]
    for name, e in evaluations.items():
        t = e.get("transitionTiming")
        lines += ["", f"### `{name}/`: per transition, " + (f"{t['head']} (the default head), decoded" if t else
                                                           "the default head, decoded"), ""]
        if t:
            lines += [f"{e['embryos']} embryos, frame interval {_fmt(t['intervalHours'] * 60, 1)} min.", ""]
            lines += timing_table(t)
        else:
            lines.append("Not in this evaluation (made before the per-transition confidence intervals): run evaluate "
                         "again to get them.")
    return "\n".join(lines + ["", ""])


def main(argv=None):
    setup_logging()
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="model folder with card.md, card.json, weights.pt")
    args = p.parse_args(argv)
    evaluations = refresh_other_evaluations(args.model)
    log.info("%s card: other evaluations %s", args.model, sorted(evaluations) or "none")
    return evaluations


def _fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def _started_from(encoder):
    """The card's words for the encoder's initial weights: only what was loaded, named by checksum."""
    w = encoder.get("initialWeights", {"kind": "none"})
    if w["kind"] == "torchvision-state-dict":
        return (f"fine-tuned from the torchvision state dict `{w['file']}` ({w['sha256']}), loaded strictly; what it was "
                "trained on is for its provider to say (nothing was downloaded)")
    if w["kind"] == "model":
        return f"fine-tuned from the encoder of this project's model {w['model']} {w['version']} ({w['weights']})"
    return ("trained from scratch (no pretrained weights: none can be downloaded here, and no transfer learning is "
            "claimed)")


def _markdown(model, ev, training, pngs):
    lines = [f"# Model card: {model['name']} {model['version']}", "",
             f"> {DISCLAIMER}", "",
             "## Model",
             f"- Scheme `{model['scheme']}`: {', '.join(model['classes'])}",
             f"- Encoder `{model['encoder']['architecture']}`, {_started_from(model['encoder'])}; embedding size "
             f"{model['embeddingSize']}; input {model['input']['size']}x{model['input']['size']} block-averaged "
             f"canonical frames, planes {model['input']['planes']}",
             f"- Temporal heads (causal): {', '.join(model['temporal']['heads'])}; default "
             f"`{model['temporal']['default']}`; window {model['window']['hours']} h = "
             f"{model['window']['timePoints']} time points at {model['window']['nominalIntervalHours']} h",
             "", "## Data",
             f"- Source `{model['data']['source']}` version `{model['data']['sourceVersion']}`, "
             f"fingerprint `{model['data']['fingerprint']}`",
             f"- Seed {model['data']['seed']}, split seed {model['data']['splitSeed']}, split by embryo: "
             f"{model['data']['splits']}", "",
             "## Training",
             f"- Command: `{training.get('command', '')}`"]
    if "minutes" in training:
        lines.append(f"- Wall time {_fmt(training['minutes'], 1)} min on {training['device']} "
                     f"({training['threads']} threads); seed {training['seed']}")
    lines += ["",
             f"## Evaluation on {ev['embryos']} held-out embryos", "",
             f"Encoder alone (no temporal head): accuracy {_fmt(ev['encoderOnly']['accuracy'])}, "
             f"macro-F1 {_fmt(ev['encoderOnly']['macroF1'])}", "",
             "| head | decoding | accuracy | macro-F1 | mean transition error (h) | (frame intervals) | missed onsets |",
             "|---|---|---|---|---|---|---|"]
    for kind in model["temporal"]["heads"]:
        for mode in ("raw", "decoded"):
            s = ev[kind][mode]
            t = s["transitions"]
            lines.append(f"| {kind} | {mode} | {_fmt(s['accuracy'])} | {_fmt(s['macroF1'])} | {_fmt(t['meanHours'], 2)} "
                         f"| {_fmt(t['meanFrameIntervals'], 2)} | {t['missed']} |")
    lines += ["", "Macro-F1 covers classes with at least 50 test frames; rarer classes are listed apart.", ""]
    for kind in model["temporal"]["heads"]:
        s = ev[kind]["decoded"]
        lines += [f"### {kind}, decoded: per class", "", "| class | test frames | recall | F1 |", "|---|---|---|---|"]
        lines += [f"| {n}{' (rare)' if n in s['rareClasses'] else ''} | {c['support']} | {_fmt(c['recall'])} | "
                  f"{_fmt(c['f1'])} |" for n, c in s["perClass"].items()]
        lines += ["", "| transition into | n | mean error (h) | median (h) | missed |", "|---|---|---|---|---|"]
        lines += [f"| {n} | {t['n']} | {_fmt(t['meanHours'], 2)} | {_fmt(t['medianHours'], 2)} | {t['missed']} |"
                  for n, t in s["transitions"]["perTransition"].items()]
        rc = ev[kind].get("reverseCleavage")
        if rc:
            lines += ["", f"Reverse cleavage (raw predictions): embryos P {_fmt(rc['embryos']['precision'])} "
                          f"R {_fmt(rc['embryos']['recall'])}; events (±{rc['toleranceTimePoints']} time points) "
                          f"P {_fmt(rc['events']['precision'])} R {_fmt(rc['events']['recall'])}"]
        lines.append("")
    timed = [(kind, mode) for kind in model["temporal"]["heads"] for mode in ("raw", "decoded")
             if "transitionTiming" in ev[kind][mode]]
    if timed:
        lines += ["## Transition timing with confidence intervals", "",
                  timing_note(ev[timed[0][0]][timed[0][1]]["transitionTiming"]), ""]
        for kind, mode in timed:
            lines += [f"### {kind}, {mode}", ""] + timing_table(ev[kind][mode]["transitionTiming"]) + [""]
    lines += ["## Confusion matrices", ""] + [f"![{p}]({p})" for p in pngs] + [""]
    return "\n".join(lines)


def timing_note(timing, each_interval=False):
    """One paragraph saying what the transition timing table holds and how its intervals were drawn."""
    b = timing["bootstrap"]
    interval = ("the evaluated data's median frame spacing (given above each table)" if each_interval else
                f"{_fmt(timing['intervalHours'] * 60, 1)} min (the data's median frame spacing)")
    embryos = "the evaluation's embryos" if each_interval else f"{b['embryos']} embryos"
    return (f"Transition = onset of a class: true onset = first labelled frame of the class, predicted onset = first "
            f"frame predicted at or beyond it (never reached = missed). Error = |predicted − true| in culture hours; "
            f"mean and median over the detected onsets; the shares count every onset, a missed one as outside; "
            f"one frame interval = {interval}; \"within\" allows {round(TIE_HOURS * 3600)} s for time-stamp rounding. "
            f"[brackets]: {round(100 * b['confidence'])} % percentile interval of an embryo-level bootstrap "
            f"({embryos} resampled with replacement, {b['resamples']} resamples, seed {b['seed']}).")


def timing_table(timing):
    """Markdown rows: transition | onsets | missed | mean |error| | median | within one interval | within 1 h."""
    def cell(figure, digits=2):
        if figure is None or figure.get("value") is None:
            return "–"
        ci = figure.get("ci")
        return _fmt(figure["value"], digits) + (f" [{_fmt(ci[0], digits)}, {_fmt(ci[1], digits)}]" if ci else "")

    lines = ["| transition | onsets | missed | mean \\|error\\| (h) [CI] | median \\|error\\| (h) [CI] "
             "| within one interval [CI] | within 1 h [CI] |", "|---|---|---|---|---|---|---|"]
    for name, t in timing["perTransition"].items():
        lines.append(f"| {name} | {t['onsets']} | {t['missed']} | {cell(t.get('meanAbsHours'))} "
                     f"| {cell(t.get('medianAbsHours'))} | {cell(t.get('withinOneInterval'))} "
                     f"| {cell(t.get('withinOneHour'))} |")
    return lines


if __name__ == "__main__":
    main()
