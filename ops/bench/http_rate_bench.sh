#!/usr/bin/env bash
# Rank latency at a fixed request rate (issue 4: 20k requests/s with p99 <= 2 ms, durable log included):
# `warren serve` (key check, each decision group-committed and fsynced to the spool before its 201), the
# same with its spool on tmpfs (fsync free: what the disk adds) and, as the baseline in the same run, the
# bare Vert.x rank server (no keys, no log), each loaded by RateLoad (api/src/test/java/io/warren/api/bench)
# in its own JVM: open loop, latency counted from when each request was due. Each server first gets a
# warm-up of 20 s at up to the rate. Rounds alternate the servers. Writes ops/bench/results/http-rate-<time>.md.
# Usage: ops/bench/http_rate_bench.sh [rate=20000] [seconds=20] [rounds=2] [connections=64]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
rate=${1:-20000}
seconds=${2:-20}
rounds=${3:-2}
connections=${4:-64}
. "$root/ops/bench/http_servers.sh"
bench_classpath
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT
python3 "$root/ops/bench/rank_body.py" "$work/body.json"
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/http-rate-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Rank latency at a fixed rate $(date -u +%Y%m%dT%H%M%SZ)"
  echo
  echo "POST /personalizer/v1.0/rank, 10 actions, default policy (-q ::), $rate requests/s open loop for ${seconds}s after a 20 s warm-up at up to that rate, $connections connections, $(nproc) cores, load generator in its own JVM, rounds alternate. Send lag: how late the generator itself sent (its share of the latency, plus waits for a free connection)."
  echo
  echo "| round | server | completed/s | failed | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | send lag p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
} > "$out"
port=18090
for round in $(seq "$rounds"); do
  for candidate in VertxCandidate WarrenServe WarrenServeTmpfs; do
    start_server "$candidate" "$port" "$work"
    result=$(java -XX:+UseSerialGC -Xmx256m -cp "$cp" io.warren.api.bench.RateLoad \
      "http://127.0.0.1:$port/personalizer/v1.0/rank" "$work/body.json" bench "$rate" "$seconds" 20 "$connections")
    echo "$result" >&2
    python3 - "$round" "${candidate%Candidate}" "$result" >> "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[3])
print("| %s | %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (sys.argv[1], sys.argv[2], r["completed_per_s"],
      r["failed"], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["p999_ms"], r["max_ms"], r["send_lag_p99_ms"]))
PY
    stop_server
  done
done
cat "$out"
echo "wrote $out"
