#!/usr/bin/env bash
# JoinJob throughput: a backlog of decisions and rewards on a real broker, joined exactly once with RocksDB
# state on the local cluster, against an exactly-once copy of the same records measured in the same run.
# Usage: ops/bench/join_bench.sh [decisions=300000] [parallelism=2] [rounds=1]
# Results: ops/bench/results/join-<time>.md
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
decisions=${1:-300000}
parallelism=${2:-2}
rounds=${3:-1}
"$root/mvnw" -q -DskipTests install -pl flink-jobs -am
"$root/mvnw" -q test-compile dependency:build-classpath -pl flink-jobs -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
cp="$root/flink-jobs/target/test-classes:$root/flink-jobs/target/classes:$(cat "$root/flink-jobs/target/bench.classpath")"
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/join-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# JoinJob throughput ($(date -u +%FT%TZ), $(nproc) cores)"
  echo
  echo "\`ops/bench/join_bench.sh $decisions $parallelism $rounds\`: decisions + rewards joined per second,"
  echo "against an exactly-once copy of the same records in the same run (join_vs_copy = copy time / join time)."
  echo
} > "$out"
for ((r = 1; r <= rounds; r++)); do
  line=$(java ${BENCH_JAVA_OPTS:-} -Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" io.warren.jobs.JoinThroughputBench "$decisions" "$parallelism" \
    | grep '^{')
  echo "    $line" | tee -a "$out"
done
echo "wrote $out"
