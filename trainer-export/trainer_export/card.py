"""Model card (Markdown + JSON) and the confusion matrix PNGs of an evaluation."""
from pathlib import Path

from .confusion_png import write_confusion_png
from .exporting import write_json

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
            "encoder": {"architecture": model["encoder"]["architecture"], "pretrained": False},
            "data": model["data"], "training": training, "evaluation": evaluation, "disclaimer": DISCLAIMER}
    write_json(out_dir / f"{prefix}.json", card)
    (out_dir / f"{prefix}.md").write_text(_markdown(model, evaluation, training, pngs))


def _fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def _markdown(model, ev, training, pngs):
    lines = [f"# Model card: {model['name']} {model['version']}", "",
             f"> {DISCLAIMER}", "",
             "## Model",
             f"- Scheme `{model['scheme']}`: {', '.join(model['classes'])}",
             f"- Encoder `{model['encoder']['architecture']}`, trained from scratch (no pretrained weights: none "
             "can be downloaded here, and no transfer learning is claimed); embedding size "
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
