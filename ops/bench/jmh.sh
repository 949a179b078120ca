#!/usr/bin/env bash
# Runs the JMH benchmarks of a module (simd-kernels by default; `ops/bench/jmh.sh api RankPathBench`).
# Extra arguments go to JMH, e.g. ops/bench/jmh.sh KernelBench -p actions=10 -prof gc.
# Results: ops/bench/results/jmh-<time>.txt
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
# The module whose benchmarks to run comes first when it is one of ours (default simd-kernels).
module=simd-kernels
case "${1:-}" in simd-kernels|bandit-core|api) module=$1; shift ;; esac
"$root/mvnw" -q -DskipTests install
"$root/mvnw" -q test-compile dependency:build-classpath -pl "$module" -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
cp="$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/jmh.classpath")"
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).txt"
java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main "${@:-KernelBench}" 2>&1 | tee "$out"
echo "wrote $out"
