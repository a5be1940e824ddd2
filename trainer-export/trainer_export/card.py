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


def other_evaluations(model_dir):
    """Headline figures of every <model_dir>/evaluation-*/evaluation.json made with this folder's weights.pt,
    keyed by folder name. Evaluations of other weights (an earlier training into the same folder) are left out
    with a warning: they say nothing about this model."""
    model_dir = Path(model_dir)
    weights = weights_digest(model_dir / "weights.pt")
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
    return found


def replays_real_timelines(data):
    """True for a dataset whose synthetic embryos replay real annotations (export-dataset --real-timelines)."""
    return data.get("settings", {}).get("timelines", "").startswith("real timelines")


def refresh_other_evaluations(model_dir):
    """Rewrites the card's other-evaluations section (card.md) and key `otherEvaluations` (card.json) from the
    folder's evaluations; the rest of the card is kept as it is."""
    model_dir = Path(model_dir)
    evaluations = other_evaluations(model_dir)
    card = json.loads((model_dir / "card.json").read_text())
    card["otherEvaluations"] = evaluations
    write_json(model_dir / "card.json", card)
    md = (model_dir / "card.md").read_text()
    section = _other_evaluations_markdown(evaluations)
    existing = re.search(rf"^{OTHER_EVALUATIONS}\n.*?(?=^## |\Z)", md, flags=re.M | re.S)
    if existing:
        md = md[:existing.start()] + section + md[existing.end():]
    elif "\n## Confusion matrices" in md:
        md = md.replace("\n## Confusion matrices", "\n" + section + "## Confusion matrices", 1)
    else:
        md = md.rstrip("\n") + "\n\n" + section
    (model_dir / "card.md").write_text(md)
    return evaluations


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
    lines += ["## Confusion matrices", ""] + [f"![{p}]({p})" for p in pngs] + [""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
