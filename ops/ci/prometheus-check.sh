#!/usr/bin/env bash
# CI: checks the Prometheus configuration and the Grafana dashboard against the running system.
#  1. promtool check config / check rules on ops/prometheus.
#  2. Starts the demo (./embryo-stream demo: embedded broker, synthetic incubator, classifier with
#     /metrics on 127.0.0.1:9464) and Debian's prometheus with a 1 s scrape on loopback.
#  3. After 35 s: every target is up; every query of ops/grafana/dashboards/*.json returns data
#     over a 30 s window, and every metric it names is in the classifier's scrape.
# Usage: ops/ci/prometheus-check.sh [--classify-separately]
#   --classify-separately also starts `./embryo-stream classify` against the demo's broker, for
#   builds whose demo does not run the classifier itself.
# Needs: prometheus + promtool (apt-get install prometheus; the service is not started), python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
classify_separately=false
[ "${1:-}" = "--classify-separately" ] && classify_separately=true
metrics_port=9464
prom_port=${PROMETHEUS_CHECK_PORT:-19090}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

for tool in prometheus promtool python3 curl; do
  command -v "$tool" >/dev/null || { echo "prometheus-check: $tool not found (apt-get install -y prometheus python3 curl)" >&2; exit 2; }
done

echo "== promtool"
promtool check rules ops/prometheus/rules/*.yml
promtool check config ops/prometheus/prometheus.yml
cat > "$work/prometheus-ci.yml" <<YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $repo/ops/prometheus/rules/*.yml
scrape_configs:
  - job_name: classifier
    static_configs:
      - targets: ["127.0.0.1:$metrics_port"]
YAML
promtool check config "$work/prometheus-ci.yml"

echo "== demo"
./embryo-stream --version >/dev/null   # builds once, before anything is timed
./embryo-stream demo --duration 90s >"$work/demo.log" 2>&1 &
pids+=($!)
if $classify_separately; then
  for _ in $(seq 60); do grep -qs "Embedded Kafka broker at" "$work/demo.log" && break; sleep 1; done
  bootstrap=$(grep -o "Embedded Kafka broker at [^ ]*" "$work/demo.log" | awk '{print $5}')
  [ -n "$bootstrap" ] || { echo "demo printed no broker address:"; cat "$work/demo.log"; exit 1; }
  EMBRYO_CLASSIFIER_REPLICATION_FACTOR=1 EMBRYO_INFERENCE_THREADS=1 ./embryo-stream classify \
    --bootstrap-servers "$bootstrap" --models model/src/test/resources/parity-model \
    --state-dir "$work/state" --metrics-port "$metrics_port" --duration 85s >"$work/classify.log" 2>&1 &
  pids+=($!)
fi
for i in $(seq 120); do
  curl -sf "http://127.0.0.1:$metrics_port/metrics" >/dev/null && break
  if [ "$i" = 120 ]; then
    echo "no /metrics on 127.0.0.1:$metrics_port after 120 s: does the demo run the classifier? Log:"
    tail -50 "$work/demo.log"; exit 1
  fi
  sleep 1
done

echo "== prometheus (1 s scrape) on 127.0.0.1:$prom_port"
prometheus --config.file="$work/prometheus-ci.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
pids+=($!)
sleep 35

python3 - "$prom_port" "$metrics_port" ops/grafana/dashboards/*.json <<'PY'
import json, re, sys, urllib.parse, urllib.request

prom, metrics_port, dashboards = sys.argv[1], sys.argv[2], sys.argv[3:]
def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()
def api(path, **params):
    body = json.loads(get(f"http://127.0.0.1:{prom}/api/v1/{path}?" + urllib.parse.urlencode(params)))
    if body.get("status") != "success":
        raise SystemExit(f"prometheus {path} failed: {body}")
    return body["data"]

failures = []
targets = api("targets")["activeTargets"]
if not targets:
    failures.append("prometheus has no active targets")
for t in targets:
    print(f"target {t['scrapeUrl']}: {t['health']} {t.get('lastError', '')}")
    if t["health"] != "up":
        failures.append(f"target {t['scrapeUrl']} is {t['health']}: {t.get('lastError')}")

scraped = set()
for line in get(f"http://127.0.0.1:{metrics_port}/metrics").splitlines():
    if line and not line.startswith("#"):
        scraped.add(re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", line).group(0))

KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless",
            "offset", "inf", "nan"}
def metric_names(expr):
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)             # label values
    e = re.sub(r"\{[^}]*\}", "{}", e)                         # label matchers
    e = re.sub(r"\b(by|without|on|ignoring)\s*\([^)]*\)", " ", e)   # grouping labels
    e = re.sub(r"\[[^\]]*\]", "[]", e)                        # range durations
    names = set()
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", e):
        rest = e[m.end():].lstrip()
        if not rest.startswith("(") and m.group(0).lower() not in KEYWORDS:
            names.add(m.group(0))
    return names

checked = 0
for path in dashboards:
    for panel in json.load(open(path))["panels"]:
        for target in panel.get("targets", []):
            expr = target["expr"]
            query = expr.replace("$__rate_interval", "30s").replace("$__interval", "30s").replace("$__range", "30s")
            names = metric_names(query)
            missing = sorted(n for n in names if n not in scraped)
            result = api("query", query=query)["result"]
            checked += 1
            status = "ok" if result and not missing else "FAIL"
            print(f"{status:4} {len(result):3} series  {panel['title']}: {expr}")
            if missing:
                failures.append(f"{panel['title']}: metric(s) {missing} not in the scrape")
            if not names:
                failures.append(f"{panel['title']}: query names no metric: {expr}")
            if not result:
                failures.append(f"{panel['title']}: no data over 30 s for {query}")
print(f"{checked} dashboard queries checked")
if failures:
    print("\n".join(["FAILED:"] + failures))
    sys.exit(1)
print("prometheus-check: all targets up, every dashboard query returns data")
PY
