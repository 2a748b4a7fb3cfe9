#!/usr/bin/env bash
# Real Kafka, a MongoDB wire-protocol server, and the EventStoreDB stand-in (a test server speaking
# EventStoreDB's gRPC protocol; not EventStoreDB, which cannot be had here) for the tests, without
# Docker, on loopback only.
#
#   scripts/test-servers.sh up      fetch (cached), start both, wait until they answer, print the variables
#   scripts/test-servers.sh env     print the variables to export for the servers that are running
#   scripts/test-servers.sh down    stop what `up` started, by PID
#   scripts/test-servers.sh status  say what is running
#
# Apache Kafka's broker jars come from Maven Central; FerretDB (MongoDB wire protocol over SQLite)
# is built from the Go module proxy. Both are cached in $EMPORIUM_TEST_SERVERS_CACHE (default
# ~/.cache/emporium/test-servers), so only the first run on a machine downloads and builds. Each
# `up` starts on fresh data directories under .test-servers/ with free ports.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
here="$repo/scripts/test-servers"
cache=${EMPORIUM_TEST_SERVERS_CACHE:-$HOME/.cache/emporium/test-servers}
run="$repo/.test-servers"
env_file="$run/servers.env"

kafka_version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/kafka-pom.xml")
kafka_libs="$cache/kafka-$kafka_version/libs"
ferretdb_version=v1.24.2
ferretdb_bin="$cache/ferretdb-$ferretdb_version/ferretdb"

log() { printf 'test-servers: %s\n' "$*" >&2; }

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_for_port() { # name port pid seconds
  local name=$1 port=$2 pid=$3 deadline=$((SECONDS + $4))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { log "$name exited while starting"; return 1; }
    [ $SECONDS -lt $deadline ] || { log "$name did not accept connections on $port within $4 s"; return 1; }
    sleep 0.3
  done
}

fetch_kafka() {
  [ -f "$kafka_libs/.complete" ] && return
  log "fetching Apache Kafka $kafka_version broker jars from Maven Central into $kafka_libs"
  rm -rf "$kafka_libs"
  mvn -q -B -Dstyle.color=never -f "$here/kafka-pom.xml" dependency:copy-dependencies -DoutputDirectory="$kafka_libs" -DincludeScope=runtime
  touch "$kafka_libs/.complete"
}

build_ferretdb() {
  [ -x "$ferretdb_bin" ] && return
  log "building FerretDB $ferretdb_version from the Go module proxy into $ferretdb_bin"
  local module_dir work
  module_dir=$(go mod download -json "github.com/FerretDB/FerretDB@$ferretdb_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$module_dir" ] || { log "go mod download gave no module directory"; return 1; }
  work=$(mktemp -d)
  cp -r "$module_dir/." "$work/"
  chmod -R u+w "$work"
  # A release build embeds build/version/version.txt, which the module does not ship; without it
  # the binary refuses to start.
  echo "$ferretdb_version" >"$work/build/version/version.txt"
  mkdir -p "$(dirname "$ferretdb_bin")"
  (cd "$work" && CGO_ENABLED=0 go build -trimpath -o "$ferretdb_bin.tmp" ./cmd/ferretdb)
  mv "$ferretdb_bin.tmp" "$ferretdb_bin"
  rm -rf "$work"
}

start_kafka() {
  local dir="$run/kafka"
  if alive "$dir/pid"; then log "Kafka already running (pid $(cat "$dir/pid"))"; return; fi
  rm -rf "$dir" && mkdir -p "$dir/data"
  local port controller_port cluster_id
  port=$(free_port)
  controller_port=$(free_port)
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  local java=(java -cp "$kafka_libs/*" "-Dlog4j.configuration=file:$here/kafka-log4j.properties")
  cluster_id=$("${java[@]}" kafka.tools.StorageTool random-uuid | tail -n 1)
  "${java[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >"$dir/format.log" 2>&1
  # A small heap: one partition per topic and a handful of test topics.
  KAFKA_HEAP_OPTS= setsid nohup "${java[@]}" -Xms128m -Xmx512m -XX:+UseSerialGC kafka.Kafka "$dir/server.properties" >"$dir/kafka.log" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  wait_for_port Kafka "$port" "$(cat "$dir/pid")" 90
  local deadline=$((SECONDS + 60))
  until grep -q 'Transition from STARTING to STARTED' "$dir/kafka.log"; do
    [ $SECONDS -lt $deadline ] || { log "Kafka did not finish starting; see $dir/kafka.log"; return 1; }
    sleep 0.3
  done
  log "Kafka $kafka_version running on 127.0.0.1:$port (pid $(cat "$dir/pid"))"
}

start_ferretdb() {
  local dir="$run/ferretdb"
  if alive "$dir/pid"; then log "FerretDB already running (pid $(cat "$dir/pid"))"; return; fi
  rm -rf "$dir" && mkdir -p "$dir/data"
  local port
  port=$(free_port)
  setsid nohup "$ferretdb_bin" --handler=sqlite --sqlite-url="file:$dir/data/" --state-dir="$dir" \
    --listen-addr="127.0.0.1:$port" --telemetry=disable --debug-addr=- --log-level=warn >"$dir/ferretdb.log" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  wait_for_port FerretDB "$port" "$(cat "$dir/pid")" 30
  log "FerretDB $ferretdb_version running on 127.0.0.1:$port (pid $(cat "$dir/pid"))"
}

start_eventstoredb_stand_in() {
  local dir="$run/eventstoredb-stand-in"
  if alive "$dir/pid"; then log "EventStoreDB stand-in already running (pid $(cat "$dir/pid"))"; return; fi
  rm -rf "$dir" && mkdir -p "$dir"
  local port
  port=$(free_port)
  # Its log lives in a file, so a test may stop and start it like a server (see the stand-in's header).
  setsid nohup node --import tsx "$repo/test/support/eventstoredb-stand-in/main.ts" "$port" "$dir/log.jsonl" >"$dir/stand-in.log" 2>&1 &
  echo $! >"$dir/pid"
  echo "$port" >"$dir/port"
  wait_for_port "EventStoreDB stand-in" "$port" "$(cat "$dir/pid")" 30
  log "EventStoreDB stand-in (for tests; not EventStoreDB) running on 127.0.0.1:$port (pid $(cat "$dir/pid"))"
}

write_env() {
  {
    echo "export KAFKA_BROKERS=127.0.0.1:$(cat "$run/kafka/port")"
    echo "export MONGO_URL=mongodb://127.0.0.1:$(cat "$run/ferretdb/port")/"
    echo "export EVENTSTORE_STAND_IN_URL='esdb://127.0.0.1:$(cat "$run/eventstoredb-stand-in/port")?tls=false'"
  } >"$env_file"
}

stop() { # name dir
  local name=$1 pidfile="$2/pid"
  [ -f "$pidfile" ] || return 0
  local pid
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 30))
    # A process that has exited but was not reaped (no init reaps here) counts as stopped.
    while kill -0 "$pid" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null; do
      if [ $SECONDS -ge $deadline ]; then
        log "$name (pid $pid) ignored SIGTERM for 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        break
      fi
      sleep 0.2
    done
    log "$name stopped (pid $pid)"
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  up)
    mkdir -p "$run" "$cache"
    started=$SECONDS
    fetch_kafka
    build_ferretdb
    start_kafka
    start_ferretdb
    start_eventstoredb_stand_in
    write_env
    log "ready in $((SECONDS - started)) s"
    cat "$env_file"
    ;;
  env)
    alive "$run/kafka/pid" && alive "$run/ferretdb/pid" && alive "$run/eventstoredb-stand-in/pid" || { log "not running; run: $0 up"; exit 1; }
    cat "$env_file"
    ;;
  down)
    stop Kafka "$run/kafka"
    stop FerretDB "$run/ferretdb"
    stop "EventStoreDB stand-in" "$run/eventstoredb-stand-in"
    rm -f "$env_file"
    ;;
  status)
    for name in kafka ferretdb eventstoredb-stand-in; do
      if alive "$run/$name/pid"; then echo "$name: running on 127.0.0.1:$(cat "$run/$name/port") (pid $(cat "$run/$name/pid"))"; else echo "$name: stopped"; fi
    done
    ;;
  *)
    echo "usage: $0 up|env|down|status" >&2
    exit 2
    ;;
esac
