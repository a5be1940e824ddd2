#!/bin/sh
# Trains the two shipped default models from a synthetic-incubator dataset written by
# `embryo-stream export-dataset` (focal planes -15,0,15), sized to finish within 60 minutes on 2 CPU cores,
# and records the time; then evaluates them on embryos from another seed and along real timelines
# (evaluate-default-models.sh, which also runs alone: it does not train).
#   trainer-export/train-default-models.sh <dataset> [models folder, default ../models]
# The two models train side by side, one thread each: Debian's torch (no MKL) gains little from a second
# thread, so two single-threaded runs finish sooner than the same runs one after the other.
set -e
cd "$(dirname "$0")"
dataset=${1:?usage: train-default-models.sh <dataset> [models folder]}
models=${2:-../models}
start=$(date +%s)
train() { # scheme, log file, options...
    scheme=$1 log=$2
    shift 2
    /usr/bin/python3 -m trainer_export.train --dataset "$dataset" --scheme "$scheme" --out "$models/$scheme" \
        --size 128 --planes=-15,0,15 --threads 1 --seed 7 "$@" > "$log" 2>&1
}
logs=$(mktemp -d)
train pronuclear-3 "$logs/pronuclear-3.log" --epochs 20 --max-minutes 20 &
pronuclear=$!
train gomez-16 "$logs/gomez-16.log" --epochs 45 --max-minutes 30 --count-loss-weight 1.0 &
gomez=$!
tail -f "$logs/pronuclear-3.log" "$logs/gomez-16.log" &
follow=$!
failed=
wait $pronuclear || failed="$failed pronuclear-3"
wait $gomez || failed="$failed gomez-16"
kill $follow
if [ -n "$failed" ]; then
    echo "training failed:$failed (logs in $logs)" >&2
    exit 1
fi
echo "default models trained in $(( ($(date +%s) - start) / 60 )) min (logs in $logs)"
./evaluate-default-models.sh "$models"
