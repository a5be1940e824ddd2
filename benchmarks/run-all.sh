#!/usr/bin/env bash
# Runs every classifier benchmark of docs/BENCHMARKS.md in turn and keeps each one's figures in
# benchmarks/target/results/<label>.txt (logs in <label>.log). Arguments (e.g. model=models/gomez-16) go
# to every benchmark. Run from the repository root after:
#   mvn -B -q -pl benchmarks -am install -DskipTests
set -euo pipefail
jar=benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
out=benchmarks/target/results
mkdir -p "$out"
run() {
  local label=$1 main=$2; shift 2
  echo "== $label: $main $*"
  # the embedded broker's test kit prints two lines of its own on stdout
  java -cp "$jar" "io.embryostream.benchmarks.$main" "$@" 2>"$out/$label.log" \
    | grep --line-buffered -v '^Bootstrap metadata\|^Formatting metadata' | tee "$out/$label.txt"
}
run pipeline PipelineBenchmark "$@" rounds=2
run window WindowCostBenchmark "$@"
run latency-24000 LatencyBenchmark "$@" seconds=180 warmupSeconds=60 drainSeconds=200
run wire WireFormatBenchmark embryos=50 timePoints=20
