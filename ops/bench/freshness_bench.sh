#!/usr/bin/env bash
# Model freshness on the embedded stack: from a reward's join (its window's end) to the API serving a model
# that learned from it, measured with rewards that flip the best action. Usage: ops/bench/freshness_bench.sh [trials=30]
# Results: ops/bench/results/freshness-<time>.md
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
trials=${1:-30}
"$root/mvnw" -q -DskipTests install
"$root/mvnw" -q test-compile dependency:build-classpath -pl api -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
cp="$root/api/target/test-classes:$root/api/target/classes:$(cat "$root/api/target/bench.classpath")"
jobs="$root/flink-jobs/target/warren-flink-jobs.jar:$root/flink-jobs/target/lib/*"
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/freshness-$(date -u +%Y%m%dT%H%M%SZ).md"
line=$(java ${BENCH_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" io.warren.api.bench.FreshnessBench "$trials" "$jobs" | grep '^{')
{
  echo "# Model freshness on the embedded stack ($(date -u +%FT%TZ), $(nproc) cores)"
  echo
  echo "\`ops/bench/freshness_bench.sh $trials\`: milliseconds from a reward's window end (reward wait 1 s) until"
  echo "the API ranks by a model that learned it (one reward of -1 flips the best action of a fresh context)."
  echo
  echo "    $line"
} > "$out"
cat "$out"
