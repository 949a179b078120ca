#!/usr/bin/env bash
# Measures the HTTP server candidates for the API (Helidon SE 4 on virtual threads, Vert.x 5 on event
# loops) on the same rank endpoint: Personalizer's default policy scoring 10 actions of about 50
# features each, over loopback, with wrk as the load generator in its own process; then `warren serve`
# itself (Vert.x, key check, decisions group-committed to the spool before each 201). Alternates them;
# writes ops/bench/results/http-<time>.md. Usage: ops/bench/http_bench.sh [seconds] [connections] [rounds]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
seconds=${1:-10}
connections=${2:-32}
rounds=${3:-2}
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { echo "http_bench: needs wrk (apt-get install wrk)" >&2; exit 3; }; }
. "$root/ops/bench/http_servers.sh"
bench_classpath
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true' EXIT
python3 "$root/ops/bench/rank_body.py" "$work/body.json"
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Ocp-Apim-Subscription-Key"] = "bench"
local f = io.open("$work/body.json", "r"); wrk.body = f:read("*a"); f:close()
LUA
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/http-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# HTTP server candidates $(date -u +%Y%m%dT%H%M%SZ)"
  echo
  echo "POST /personalizer/v1.0/rank, 10 actions, default policy (-q ::), wrk -t1 -c$connections -d${seconds}s after a ${seconds}s warm-up, $(nproc) cores, rounds alternate."
  echo
  echo "| round | server | requests/s | p50 | p90 | p99 |"
  echo "|---|---|---|---|---|---|"
} > "$out"
port=18080
for round in $(seq "$rounds"); do
  for candidate in HelidonCandidate VertxCandidate WarrenServe; do
    start_server "$candidate" "$port" "$work"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H 'Ocp-Apim-Subscription-Key: bench' --data @"$work/body.json" "http://127.0.0.1:$port/personalizer/v1.0/rank")
    [ "$code" = 201 ] || { echo "$candidate answered $code" >&2; cat "$work/server.log" >&2; exit 1; }
    wrk -t1 -c"$connections" -d"${seconds}s" -s "$work/post.lua" "http://127.0.0.1:$port/personalizer/v1.0/rank" > /dev/null
    wrk -t1 -c"$connections" -d"${seconds}s" --latency -s "$work/post.lua" "http://127.0.0.1:$port/personalizer/v1.0/rank" > "$work/wrk.txt"
    rps=$(awk '/^Requests\/sec/ {print $2}' "$work/wrk.txt")
    p50=$(awk '$1=="50%" {print $2}' "$work/wrk.txt"); p90=$(awk '$1=="90%" {print $2}' "$work/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
    echo "| $round | ${candidate%Candidate} | $rps | $p50 | $p90 | $p99 |" | tee -a "$out"
    stop_server
  done
done
echo "wrote $out"
