#!/usr/bin/env bash
# A/B of PipelineBenchmark between an earlier commit and the working tree, the two builds alternating in one
# session so that foreign load on a shared machine hits both alike. Run from the repository root:
#   benchmarks/compare-builds.sh <base commit> [runs, default 2] [benchmark arguments...]
# e.g. benchmarks/compare-builds.sh 8fdf463 2 model=models/gomez-16 rounds=1 rawSeconds=4
set -euo pipefail
base=${1:?usage: compare-builds.sh <base commit> [runs] [benchmark arguments...]}
runs=${2:-2}
shift $(( $# >= 2 ? 2 : 1 ))
root=$(pwd)
worktree=$(mktemp -d)/base
git worktree add -q --detach "$worktree" "$base"
trap 'git -C "$root" worktree remove --force "$worktree"' EXIT
(cd "$worktree" && mvn -B -q -pl benchmarks -am package -DskipTests)
mvn -B -q -pl benchmarks -am package -DskipTests
args=("$@")
for ((i = 1; i <= runs; i++)); do
  for build in base head; do
    dir=$root; [ "$build" = base ] && dir=$worktree
    echo "== $build ($([ "$build" = base ] && echo "$base" || echo "working tree")) run $i, $(date +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
    # models are read from this checkout, so both builds classify the same frames with the same model
    (cd "$root" && java -cp "$dir/benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar" \
        io.embryostream.benchmarks.PipelineBenchmark "${args[@]}" 2>/dev/null \
        | grep -E "default run|batch1 run|pipeline / raw|raw ONNX.*(before|after)")
  done
done
