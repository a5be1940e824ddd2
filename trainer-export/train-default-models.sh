#!/bin/sh
# Trains the two shipped default models from a synthetic-incubator dataset written by
# `embryo-stream export-dataset`, sized to finish within 60 minutes on 2 CPU cores, and records the time;
# then evaluates them on embryos from another seed and along real timelines (evaluate-default-models.sh,
# which also runs alone: it does not train).
#   trainer-export/train-default-models.sh <dataset> [models folder, default ../models]
set -e
cd "$(dirname "$0")"
dataset=${1:?usage: train-default-models.sh <dataset> [models folder]}
models=${2:-../models}
start=$(date +%s)
/usr/bin/python3 -m trainer_export.train --dataset "$dataset" --scheme pronuclear-3 --out "$models/pronuclear-3" \
    --size 128 --epochs 20 --max-minutes 12 --seed 7
/usr/bin/python3 -m trainer_export.train --dataset "$dataset" --scheme gomez-16 --out "$models/gomez-16" \
    --size 128 --epochs 40 --max-minutes 28 --seed 7
echo "default models trained in $(( ($(date +%s) - start) / 60 )) min"
./evaluate-default-models.sh "$models"
