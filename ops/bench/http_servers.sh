# Sourced by the HTTP benchmarks: builds the API's benchmark classpath and starts and stops the servers
# they compare (the bare candidates in api/src/test/java/io/warren/api/bench, and `warren serve` itself).

# Sets $cp to the API's test classpath, after installing the modules.
bench_classpath() {
  "$root/mvnw" -q -DskipTests install
  "$root/mvnw" -q dependency:build-classpath -pl api -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
  cp="$root/api/target/test-classes:$root/api/target/classes:$(cat "$root/api/target/bench.classpath")"
}

# start_server CANDIDATE PORT WORKDIR: WarrenServe (keys, fsynced spool), WarrenServeTmpfs (the same with its
# data in /dev/shm, where fsync costs nothing: what the durable log's disk adds), or a bench class name;
# sets $server.
start_server() {
  local candidate=$1 port=$2 dir=$3 main
  if [ "$candidate" = WarrenServe ]; then
    main=(io.warren.cli.Main serve --port "$port" --data "$dir/data" --key bench --loop bench)
  elif [ "$candidate" = WarrenServeTmpfs ]; then
    main=(io.warren.cli.Main serve --port "$port" --data "$(mktemp -d -p /dev/shm warren-bench.XXXXXX)" --key bench --loop bench)
  else
    main=("io.warren.api.bench.$candidate" "$port")
  fi
  java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -XX:+UseParallelGC -Xmx1g \
    -cp "$cp" "${main[@]}" > "$dir/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q "listening\|serving" "$dir/server.log" && break; sleep 0.1; done
}

stop_server() {
  kill "$server"; wait "$server" 2>/dev/null || true; server=
  rm -rf /dev/shm/warren-bench.*
}
