#!/usr/bin/env bash
# Runs the JMH benchmarks of simd-kernels (and bandit-core, when it has some). Extra arguments go to JMH,
# e.g. ops/bench/jmh.sh KernelBench -p actions=10 -prof gc. Results: ops/bench/results/jmh-<time>.txt
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$root/bin/jdk25.sh"
"$root/mvnw" -q -DskipTests install -pl simd-kernels
"$root/mvnw" -q test-compile dependency:build-classpath -pl simd-kernels -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test
cp="$root/simd-kernels/target/test-classes:$root/simd-kernels/target/classes:$(cat "$root/simd-kernels/target/jmh.classpath")"
mkdir -p "$root/ops/bench/results"
out="$root/ops/bench/results/jmh-$(date -u +%Y%m%dT%H%M%SZ).txt"
java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main "${@:-KernelBench}" 2>&1 | tee "$out"
echo "wrote $out"
