#!/usr/bin/env bash
# Throughput of the Flink jobs on a real broker with RocksDB state, each against a baseline in the same run:
#   ops/bench/jobs_bench.sh join [decisions=300000] [parallelism=2] [rounds=1]
#     JoinJob on a backlog of decisions and rewards vs an exactly-once copy of the same records.
#   ops/bench/jobs_bench.sh join-operator [decisions=200000] [unused] [rounds=1]
#     The join operator alone (RocksDB, one thread, no Kafka) vs the least keyed-state work of any join.
#   ops/bench/jobs_bench.sh train [events=100000] [actions=10] [rounds=1]
#     TrainJob on joined lines vs warren train --dsjson on the same lines in the same JVM.
# Flink settings to try: BENCH_JAVA_OPTS='-Dbench.flink=key=value,key=value' (join and join-operator).
# Results: ops/bench/results/<join|train>-<time>.md
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
kind=${1:?join or train}
case "$kind" in
  join) main=io.warren.jobs.JoinThroughputBench; a=${2:-300000}; b=${3:-2}
        about="decisions + rewards joined per second, against an exactly-once copy of the same records (join_vs_copy = copy time / join time)" ;;
  join-operator) main=io.warren.jobs.JoinOperatorBench; a=${2:-200000}; b=${3:-0}
        about="CPU microseconds per event (decision + reward) of the join operator against the least keyed-state work of a join, with and without the decision's text (floor_text, floor_id)" ;;
  train) main=io.warren.jobs.train.TrainThroughputBench; a=${2:-100000}; b=${3:-10}
        about="examples learned per second by TrainJob from Kafka, against warren train --dsjson on the same lines (trainjob_vs_train = train time / job time)" ;;
  *) echo "usage: $0 join|join-operator|train [args]" >&2; exit 2 ;;
esac
rounds=${4:-1}
"$root/mvnw" -q -DskipTests install -pl flink-jobs -am
"$root/mvnw" -q test-compile dependency:build-classpath -pl flink-jobs -Dmdep.outputFile=target/bench.classpath \
  -Dmdep.includeScope=test
cp="$root/flink-jobs/target/test-classes:$root/flink-jobs/target/classes:$(cat "$root/flink-jobs/target/bench.classpath")"
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/$kind-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# $kind job throughput ($(date -u +%FT%TZ), $(nproc) cores)"
  echo
  echo "\`ops/bench/jobs_bench.sh $kind $a $b $rounds\`: $about, in the same run."
  echo
} > "$out"
# Each run's data (the broker's logs, the generated lines, checkpoints: GBs) goes under a scratch dir deleted after it.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for ((r = 1; r <= rounds; r++)); do
  line=$(java ${BENCH_JAVA_OPTS:-} -Djava.io.tmpdir="$scratch" -Xmx4g --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$cp" "$main" "$a" "$b" | grep '^{')
  echo "    $line" | tee -a "$out"
  rm -rf "${scratch:?}"/*
done
echo "wrote $out"
