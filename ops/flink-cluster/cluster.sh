#!/usr/bin/env bash
# A standalone Flink 2.3 session cluster on this machine, without flink-dist: one JobManager and N
# TaskManagers as background JVMs (Flink's own entry points, jars Maven-resolved from
# ops/flink-cluster/pom.xml), and `flink run` for Warren's job jar. See docs/flink-cluster.md.
#
#   ops/flink-cluster/cluster.sh start                 writes the config, starts the JVMs, waits for the TaskManagers
#   ops/flink-cluster/cluster.sh submit JAR [ARGS...]  flink run -d JAR ARGS (e.g. --kafka localhost:9092)
#   ops/flink-cluster/cluster.sh flink ARGS...         any other flink CLI command (list, cancel ID, stop ID, savepoint ID)
#   ops/flink-cluster/cluster.sh status                the processes and the REST overview
#   ops/flink-cluster/cluster.sh stop                  SIGTERM to every process, SIGKILL after a grace period
#
# Environment (defaults in brackets):
#   WARREN_FLINK_DATA [data/flink-cluster]   config, logs, pid files, checkpoints, savepoints, tmp
#   WARREN_FLINK_REST_PORT [8081]            REST endpoint (and `flink run`'s target)
#   WARREN_FLINK_RPC_PORT [6123]             JobManager RPC port
#   WARREN_FLINK_TASKMANAGERS [2]            TaskManager processes
#   WARREN_FLINK_SLOTS [2]                   slots per TaskManager
#   WARREN_FLINK_PARALLELISM [2]             parallelism.default
#   WARREN_FLINK_CHECKPOINT_INTERVAL [1s]    the sinks' transactions commit at each checkpoint
#   WARREN_FLINK_JM_MEMORY [1g]              jobmanager.memory.process.size
#   WARREN_FLINK_TM_MEMORY [1280m]           taskmanager.memory.process.size
#   WARREN_FLINK_START_TIMEOUT [120]         seconds to wait for the TaskManagers to register
#   WARREN_FLINK_LIB [ops/flink-cluster/target/lib]  the cluster's jars (resolved on first use)
#   WARREN_FLINK_JAVA_OPTS                   more JVM flags for every process (e.g. -XX:TieredStopAtLevel=1)
#   WARREN_FLINK_WATCH_PID                   if set: stop the cluster when that process is gone (tests)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"
. "$root/bin/jdk25.sh"

# Absolute and normalized: it is how stop tells this cluster's processes from others.
data=$(realpath -m "${WARREN_FLINK_DATA:-$root/data/flink-cluster}")
conf="$data/conf"
export FLINK_PLUGINS_DIR="$data/plugins" # none: the job jar brings its connectors
logs="$data/log"
pids="$data/pids"
lib=${WARREN_FLINK_LIB:-$here/target/lib}
rest_port=${WARREN_FLINK_REST_PORT:-8081}
rpc_port=${WARREN_FLINK_RPC_PORT:-6123}
taskmanagers=${WARREN_FLINK_TASKMANAGERS:-2}
slots=${WARREN_FLINK_SLOTS:-2}
parallelism=${WARREN_FLINK_PARALLELISM:-2}
checkpoint_interval=${WARREN_FLINK_CHECKPOINT_INTERVAL:-1s}
jm_memory=${WARREN_FLINK_JM_MEMORY:-1g}
tm_memory=${WARREN_FLINK_TM_MEMORY:-1280m}
start_timeout=${WARREN_FLINK_START_TIMEOUT:-120}

# JDK 25: FFM/JNI (frocksdb, zstd) and Unsafe users allowed; the Vector API for Warren's learner; and the
# opens and exports Flink's own config.yaml (env.java.opts.all) gives every Flink JVM on JDK 17+.
jvm_flags=(
  --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
  -XX:+UseParallelGC -Xshare:auto
)
# shellcheck disable=SC2206 # extra flags, space-separated
jvm_flags+=(${WARREN_FLINK_JAVA_OPTS:-})

die() { echo "cluster.sh: $*" >&2; exit 1; }

resolve_lib() {
  # Resolved once (and again when the list or the parent's flink.version may have changed), like
  # ./warren's broker-lib. Into a fresh folder first, so a failed resolution leaves no half a classpath.
  if [ -f "$lib/.resolved" ] && [ ! "$here/pom.xml" -nt "$lib/.resolved" ] && [ ! "$root/pom.xml" -nt "$lib/.resolved" ]; then
    return
  fi
  echo "cluster.sh: resolving the Flink $(sed -n 's:.*<flink.version>\(.*\)</flink.version>.*:\1:p' "$root/pom.xml") cluster jars into $lib" >&2
  local fresh="$lib.resolving.$$"
  rm -rf "$fresh"
  MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow" \
    mvn -q -B -ntp -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$fresh" >&2
  touch "$fresh/.resolved"
  rm -rf "$lib"
  mkdir -p "$(dirname "$lib")"
  mv "$fresh" "$lib"
}

write_config() {
  mkdir -p "$conf" "$logs" "$pids" "$data/tmp" "$data/checkpoints" "$data/savepoints" "$data/plugins"
  # Flink 2.x reads conf/config.yaml (standard YAML; flat keys are fine).
  cat >"$conf/config.yaml" <<EOF
# Written by ops/flink-cluster/cluster.sh start: edits are lost at the next start.
jobmanager.rpc.address: localhost
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: localhost
taskmanager.host: localhost
taskmanager.bind-host: localhost
rest.address: localhost
rest.bind-address: localhost
rest.port: $rest_port
jobmanager.memory.process.size: $jm_memory
taskmanager.memory.process.size: $tm_memory
taskmanager.numberOfTaskSlots: $slots
taskmanager.load-balance.mode: SLOTS
parallelism.default: $parallelism
io.tmp.dirs: $data/tmp
state.backend.type: rocksdb
execution.checkpointing.incremental: true
execution.checkpointing.interval: $checkpoint_interval
execution.checkpointing.mode: EXACTLY_ONCE
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
execution.checkpointing.dir: file://$data/checkpoints
execution.checkpointing.savepoint-dir: file://$data/savepoints
jobmanager.execution.failover-strategy: region
restart-strategy.type: exponential-delay
security.delegation.tokens.enabled: false
EOF
}

configured_rest_port() {
  sed -n 's/^rest.port: *//p' "$conf/config.yaml" 2>/dev/null || true
}

# Flink's BashJavaUtils (what flink-dist's scripts call) turns the memory settings into JVM flags (line 1)
# and the dynamic properties the process must be started with (line 2).
resource_params() {
  local out
  out=$(java "${jvm_flags[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -classpath "$lib/*" \
    org.apache.flink.runtime.util.bash.BashJavaUtils "$1" --configDir "$conf" 2>"$logs/bash-java-utils.log") \
    || { cat "$logs/bash-java-utils.log" >&2; die "BashJavaUtils $1 failed"; }
  printf '%s\n' "$out" | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

# Whether the pid in $1 is alive and one of this cluster's processes (not a recycled pid).
ours() {
  local pid args
  [ -f "$1" ] && pid=$(cat "$1") && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null \
    && args=$(ps -ww -o args= -p "$pid" 2>/dev/null) && [[ "$args" == *"$data"* ]]
}

launch() { # name main-class jvm-params dynamic-properties
  local name=$1 main=$2
  # shellcheck disable=SC2086 # the params are space-separated flags, as BashJavaUtils prints them
  nohup java "${jvm_flags[@]}" $3 -Dlog.file="$logs/$name.log" -Dorg.slf4j.simpleLogger.showDateTime=true \
    -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd HH:mm:ss,SSS" -Dwarren.flink.cluster="$data" \
    -classpath "$lib/*" "$main" --configDir "$conf" $4 "${@:5}" </dev/null >"$logs/$name.log" 2>&1 &
  local pid=$! tries=0
  echo "$pid" >"$pids/$name.pid"
  # Until the child has exec'd java, its command line is this script's, and `ours` would not know it.
  while ! ours "$pids/$name.pid" && kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 300 ]; do
    sleep 0.1
    tries=$((tries + 1))
  done
}

overview() {
  curl -fsS --max-time 2 "http://localhost:${1:-$(configured_rest_port)}/overview" 2>/dev/null || true
}

start() {
  for f in "$pids"/*.pid; do
    if ours "$f"; then die "already running ($(basename "$f" .pid) pid $(cat "$f")); run '$0 stop' first"; fi
  done
  rm -f "$pids"/*.pid
  resolve_lib
  write_config
  local jm tm
  mapfile -t jm < <(resource_params GET_JM_RESOURCE_PARAMS)
  mapfile -t tm < <(resource_params GET_TM_RESOURCE_PARAMS)
  [ "${#jm[@]}" -eq 2 ] && [ "${#tm[@]}" -eq 2 ] || die "unexpected BashJavaUtils output (see $logs/bash-java-utils.log)"
  launch jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint "${jm[0]}" "${jm[1]}"
  local i
  for i in $(seq 1 "$taskmanagers"); do
    launch "taskmanager-$i" org.apache.flink.runtime.taskexecutor.TaskManagerRunner "${tm[0]}" "${tm[1]}" \
      -D "taskmanager.resource-id=taskmanager-$i"
  done
  if [ -n "${WARREN_FLINK_WATCH_PID:-}" ]; then
    # stop (which exec keeps at this pid) leaves the watcher's own pid alone.
    nohup bash -c 'while kill -0 "$1" 2>/dev/null; do sleep 1; done; exec "$2" stop' watch \
      "$WARREN_FLINK_WATCH_PID" "$self" </dev/null >>"$logs/watcher.log" 2>&1 &
    echo $! >"$pids/watcher.pid"
  fi
  echo "cluster.sh: starting a JobManager and $taskmanagers TaskManagers (REST on localhost:$rest_port, logs in $logs)" >&2
  local deadline=$((SECONDS + start_timeout)) registered=0 f
  while [ "$SECONDS" -lt "$deadline" ]; do
    for f in "$pids"/jobmanager.pid "$pids"/taskmanager-*.pid; do
      if ! ours "$f"; then
        echo "cluster.sh: $(basename "$f" .pid) exited; the end of its log:" >&2
        tail -n 40 "$logs/$(basename "$f" .pid).log" >&2 || true
        stop >&2
        exit 1
      fi
    done
    registered=$(overview "$rest_port" | grep -o '"taskmanagers":[0-9]*' | cut -d: -f2 || true)
    if [ "${registered:-0}" -ge "$taskmanagers" ]; then
      echo "cluster.sh: running: $registered TaskManagers, $((registered * slots)) slots, http://localhost:$rest_port" >&2
      return 0
    fi
    sleep 0.5
  done
  echo "cluster.sh: only ${registered:-0} of $taskmanagers TaskManagers registered within ${start_timeout}s" >&2
  stop >&2
  exit 1
}

stop() {
  local f pid alive=() grace=30
  for f in "$pids"/taskmanager-*.pid "$pids"/jobmanager.pid "$pids"/watcher.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if [ "$pid" != "$$" ] && { ours "$f" || { [ "$f" = "$pids/watcher.pid" ] && kill -0 "$pid" 2>/dev/null; }; }; then
      kill -TERM "$pid" 2>/dev/null && alive+=("$pid")
    fi
  done
  local deadline=$((SECONDS + grace))
  while [ "${#alive[@]}" -gt 0 ] && [ "$SECONDS" -lt "$deadline" ]; do
    local still=()
    for pid in "${alive[@]}"; do kill -0 "$pid" 2>/dev/null && still+=("$pid"); done
    alive=("${still[@]+"${still[@]}"}")
    [ "${#alive[@]}" -gt 0 ] && sleep 0.2
  done
  for pid in "${alive[@]+"${alive[@]}"}"; do
    echo "cluster.sh: pid $pid still running after ${grace}s: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$pids"/*.pid
  echo "cluster.sh: stopped" >&2
}

status() {
  local f any=1
  for f in "$pids"/jobmanager.pid "$pids"/taskmanager-*.pid; do
    [ -f "$f" ] || continue
    if ours "$f"; then echo "$(basename "$f" .pid): running (pid $(cat "$f"))"; any=0
    else echo "$(basename "$f" .pid): not running"; fi
  done
  [ "$any" -eq 0 ] || { echo "not running"; return 3; }
  local o
  o=$(overview)
  echo "overview: ${o:-REST endpoint not answering on localhost:$(configured_rest_port)}"
}

flink_cli() {
  [ -f "$conf/config.yaml" ] || die "no cluster config in $conf: run '$0 start' first"
  resolve_lib
  # (CliFrontend warns, with a stack trace, that there is no YARN support: it has nothing else to say at warn.)
  FLINK_CONF_DIR="$conf" exec java "${jvm_flags[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -Dorg.slf4j.simpleLogger.log.org.apache.flink.client.cli.CliFrontend=error \
    -classpath "$lib/*" org.apache.flink.client.cli.CliFrontend "$@"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  submit)
    [ $# -ge 1 ] || die "usage: $0 submit JAR [ARGS...]"
    jar=$1; shift
    [ -f "$jar" ] || die "no such jar: $jar"
    jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
    flink_cli run -d "$jar" "$@" ;;
  flink) flink_cli "$@" ;;
  *) sed -n '2,/^set -euo/p' "$self" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
