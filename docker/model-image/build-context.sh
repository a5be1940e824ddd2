#!/usr/bin/env bash
# Builds the context of a model image: the versions of one model, side by side, as the classifier reads
# them from its model folder (one subfolder per version, model.json inside each).
#
#   docker/model-image/build-context.sh OUT MODEL_DIR [MODEL_DIR...]
#   docker build -f docker/model-image/Dockerfile -t embryo-stream/models-gomez-16:0.1.0 OUT
#
# Each MODEL_DIR is a trained model folder as trainer-export writes it (the shipped models/gomez-16
# included). Only what the classifier and a reader need goes in: model.json, the ONNX files it names, and
# the model card (card.json, card.md); training leftovers (weights.pt, evaluation folders) stay out. Keep
# every version that running embryos may still use: an embryo stays on the version it started with.
# Refuses two folders of the same version, or folders of different models (name or scheme).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 OUT MODEL_DIR [MODEL_DIR...]" >&2
  exit 2
fi
out="$1"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$out"
if [ -n "$(ls -A "$out")" ]; then
  echo "$out is not empty; give a new folder" >&2
  exit 2
fi

python3 - "$out" "$@" <<'PY'
import json, os, shutil, sys

out, folders = sys.argv[1], sys.argv[2:]
CARD = ("card.json", "card.md")

def files_named(node):
    """Every "file" value in model.json: the ONNX graphs the classifier opens."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "file" and isinstance(value, str):
                yield value
            else:
                yield from files_named(value)
    elif isinstance(node, list):
        for item in node:
            yield from files_named(item)

lineage = None
for folder in folders:
    path = os.path.join(folder, "model.json")
    if not os.path.isfile(path):
        sys.exit(f"{folder}: no model.json; give a trained model folder (trainer-export's output)")
    with open(path) as f:
        model = json.load(f)
    version, ident = model.get("version"), (model.get("name"), model.get("scheme"))
    if not version:
        sys.exit(f"{path}: no version")
    if lineage is None:
        lineage = ident
    elif ident != lineage:
        sys.exit(f"{folder}: model {ident[0]} ({ident[1]}) is not {lineage[0]} ({lineage[1]}); one image holds"
                 " the versions of one model")
    target = os.path.join(out, version)
    if os.path.exists(target):
        sys.exit(f"{folder}: version {version} is already in the image (from another folder)")
    names = ["model.json", *files_named(model)]
    missing = [n for n in names if not os.path.isfile(os.path.join(folder, n))]
    if missing:
        sys.exit(f"{folder}: model.json names {missing}, which are not there")
    os.makedirs(target)
    for name in names + [c for c in CARD if os.path.isfile(os.path.join(folder, c))]:
        shutil.copy2(os.path.join(folder, name), os.path.join(target, name))
    print(f"{target}: {lineage[0]} {version} ({', '.join(sorted(set(os.listdir(target))))})")
PY
cp "$here/copy-models.sh" "$out/"
