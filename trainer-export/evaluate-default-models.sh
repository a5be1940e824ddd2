#!/bin/sh
# Evaluates the two default models on data they were not trained on and refreshes their cards:
#   other-seed      30 embryos rendered from seed 909 (training used 11)        -> <model>/evaluation-other-seed/
#   real-timelines  48 synthetic embryos whose phase onsets replay real Gomez annotations
#                   (every 11th of the *_phases.csv files sorted by name), when that folder exists
#                                                                               -> <model>/evaluation-real-timelines/
#   trainer-export/evaluate-default-models.sh [models folder, default ../models] [evaluation ...]
# Env: REAL_TIMELINES (default ../shared/data/gomez-phases beside the repository root), EVAL_DATA (a new or
# empty folder for the rendered datasets, kept; default a temporary folder, removed at the end).
# Frames every 20 min over 140 h, as the training set: the models' window counts 20-min time points.
set -e
cd "$(dirname "$0")"
root=$(cd .. && pwd)
models=${1:-../models}
[ $# -gt 0 ] && shift
evaluations=${*:-other-seed real-timelines}
real=${REAL_TIMELINES:-$root/../shared/data/gomez-phases}
if [ -n "$EVAL_DATA" ]; then work=$EVAL_DATA; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
# every focal plane either model reads, e.g. -15,0,15
planes=$(/usr/bin/python3 -c 'import json, sys
print(",".join(map(str, sorted({p for m in sys.argv[1:] for p in json.load(open(m + "/model.json"))["input"]["planes"]}))))' \
    "$models/pronuclear-3" "$models/gomez-16")
render() {
    "$root/embryo-stream" export-dataset --synthetic --interval-minutes 20 --hours 140 --split 0,0,1 \
        --planes="$planes" "$@"
}

evaluate() { # dataset, evaluation name
    for m in pronuclear-3 gomez-16; do
        nice -n 10 /usr/bin/python3 -m trainer_export.evaluate --model "$models/$m" --dataset "$1" --split all \
            --out "$models/$m/evaluation-$2"
    done
}

start=$(date +%s)
for e in $evaluations; do
    case $e in
    other-seed)
        render --seed 909 --embryos 30 --out "$work/other-seed"
        evaluate "$work/other-seed" other-seed ;;
    real-timelines)
        if [ ! -d "$real" ]; then
            echo "no real timelines at $real (set REAL_TIMELINES): skipping that evaluation"
            continue
        fi
        # 48 of the 524 files, spread over the whole name order rather than its first names; each is
        # evaluated over the full culture, which takes ~4 min per model on 2 cores.
        mkdir -p "$work/real-picked"
        real=$(cd "$real" && pwd)
        ls "$real" | grep '_phases\.csv$' | awk 'NR % 11 == 1' | while read -r f; do
            ln -s "$real/$f" "$work/real-picked/$f"
        done
        render --seed 2022 --real-timelines "$work/real-picked" --embryos "$(ls "$work/real-picked" | wc -l)" \
            --out "$work/real-timelines"
        evaluate "$work/real-timelines" real-timelines ;;
    *)
        echo "unknown evaluation '$e' (other-seed, real-timelines)" >&2
        exit 2 ;;
    esac
done
for m in pronuclear-3 gomez-16; do
    /usr/bin/python3 -m trainer_export.card --model "$models/$m"
done
echo "default models evaluated ($evaluations) in $(( ($(date +%s) - start) / 60 )) min"
