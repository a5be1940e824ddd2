#!/usr/bin/env bash
# Runs every classifier benchmark of docs/BENCHMARKS.md in turn and keeps each one's figures in
# benchmarks/target/results/<name>.txt (logs in <name>.log). Arguments (e.g. model=models/gomez-16) go
# to every benchmark. Run from the repository root after:
#   mvn -B -q -pl benchmarks -am install -DskipTests
set -euo pipefail
jar=benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar
out=benchmarks/target/results
mkdir -p "$out"
run() {
  local name=$1; shift
  echo "== $name $*"
  java -cp "$jar" "io.embryostream.benchmarks.$name" "$@" 2>"$out/$name.log" | grep -v '^Bootstrap metadata\|^Formatting metadata' \
    | tee "$out/$name.txt"
}
run PipelineBenchmark "$@" variant=kafka.poll.ms=5
run WindowCostBenchmark "$@"
run LatencyBenchmark "$@" seconds=60 warmupSeconds=20 drainSeconds=200
run LatencyBenchmark "$@" incubators=10 seconds=120 warmupSeconds=30 drainSeconds=60
run LatencyBenchmark "$@" incubators=10 seconds=120 warmupSeconds=30 drainSeconds=60 variant=kafka.poll.ms=5
