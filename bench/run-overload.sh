#!/usr/bin/env bash
# Overload at a multiple of capacity, with the load generator (wrk) in its own process against `doppel serve` (the
# real launcher; RocksDB with a synced WAL) and an observer (OverloadProbe) in a third:
#   1. capacity: closed loop of JSON Patches over --capacity-connections (64) keep-alive connections;
#   2. flood: the same patches over --connections (1,024) connections, as fast as the answers come back; a 429 is
#      answered at once, so the rate offered (accepted + shed) is a multiple of capacity. Meanwhile the observer
#      reads a twin and /health, samples the heap and the pending writes from /metrics, and measures recovery;
#   3. the server is stopped and started again on its data, and every write wrk saw acknowledged (2xx, its ETag
#      logged by overload.lua) is looked up in the change log (AckedWritesCheck).
# Prints a Markdown summary. `--refusal-cost` instead measures the server CPU one refused write costs (every write
# but one refused: --max-pending-writes 1 and a long --commit-delay).
# Needs: wrk (apt-get install -y wrk), a JDK >= 21, and the jars (built unless SKIP_BUILD=1; DOPPEL_JAR=<jar>
# runs another build of the server).
set -euo pipefail
cd "$(dirname "$0")/.."

twins=1000 connections=1024 capacity_connections=64 threads=2 warmup=10 capacity_seconds=20 flood_seconds=30
max_pending="" heap=2g port=18080 refusal_cost=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --twins) twins=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --capacity-connections) capacity_connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --capacity-seconds) capacity_seconds=$2; shift 2 ;;
    --flood-seconds) flood_seconds=$2; shift 2 ;;
    --max-pending-writes) max_pending=$2; shift 2 ;;
    --heap) heap=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --refusal-cost) refusal_cost=1; shift ;;
    *) echo "run-overload.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "run-overload.sh: wrk is not installed: apt-get install -y wrk" >&2; exit 1; }
JAVA=${JAVA:-$( [[ -n "${JAVA_HOME:-}" ]] && echo "$JAVA_HOME/bin/java" || echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)}
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -pl cli,bench -am package -DskipTests ${MVN_FLAGS:-}
fi
bench_jar=bench/target/doppel-bench.jar
lua=bench/src/main/resources/io/doppel/bench/http/overload.lua
work=$(mktemp -d /tmp/doppel-overload.XXXXXX)
base="http://127.0.0.1:$port"
export DOPPEL_API_KEY="dak_overload_$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
export DOPPEL_TWINS=$twins
server_pid=""

start_server() { # extra serve flags as arguments
  DOPPEL_ADMIN_KEY=$DOPPEL_API_KEY "$JAVA" "-Xms$heap" "-Xmx$heap" --enable-native-access=ALL-UNNAMED \
    -jar "${DOPPEL_JAR:-cli/target/doppel.jar}" serve --data "$work/data" --port "$port" --host 127.0.0.1 \
    ${max_pending:+--max-pending-writes "$max_pending"} "$@" >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    curl -fs "$base/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "run-overload.sh: the server did not answer /health" >&2; exit 1
}
stop_server() {
  kill -TERM "$server_pid" && wait "$server_pid" || true
  server_pid=""
}
cleanup() {
  if [[ -n "$server_pid" ]]; then kill -TERM "$server_pid" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The server's CPU (user + system, clock ticks) outside the JIT compiler's threads: a JVM compiles for a minute or
# more after it starts, and that is not what a request costs once it runs.
cpu_ticks() {
  for task in /proc/"$server_pid"/task/*; do
    grep -q '^C[12] CompilerThre' "$task/comm" 2>/dev/null || awk '{print $14 + $15}' "$task/stat" 2>/dev/null
  done | awk '{t += $1} END {print t}'
}
tick_us=$((1000000 / $(getconf CLK_TCK)))
field() { sed -n "s/.*[ ]$2=\([^ ]*\).*/\1/p" <<<"$1"; } # field <result line> <name>

# Runs wrk; prints its OVERLOAD_RESULT line followed by the server's CPU during the run (µs).
load() { # <connections> <seconds>
  local before after line
  before=$(cpu_ticks)
  line=$(wrk -t "$threads" -c "$1" -d "${2}s" --timeout 30s -s "$lua" "$base" | grep '^OVERLOAD_RESULT')
  after=$(cpu_ticks)
  echo "$line cpu_us=$(( (after - before) * tick_us ))"
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "work directory $work, $(nproc) cores, load average $(loadavg), $(date -u +%FT%TZ)" >&2

if [[ $refusal_cost == 1 ]]; then
  start_server
  "$JAVA" -cp "$bench_jar" io.doppel.bench.http.SeedTwins "$base" "$twins"
  stop_server
  max_pending=1
  start_server --commit-delay PT1H # the first write after a commit waits an hour, holding the only place
  load 64 "$warmup" >/dev/null # warm-up: one write is admitted and stays pending, every other is refused
  r=$(load 64 "$capacity_seconds")
  n=$(field "$r" requests)
  echo "| refused writes (429) | requests | other answers | server CPU | CPU per request | load average |"
  echo "|---|---:|---:|---:|---:|---|"
  echo "| $(field "$r" shed) | $n | $(( $(field "$r" ok) + $(field "$r" other_status) )) | $(( $(field "$r" cpu_us) / 1000 )) ms |" \
    "$(awk -v c="$(field "$r" cpu_us)" -v n="$n" 'BEGIN{printf "%.1f µs", c / n}') | $(loadavg) |"
  exit 0
fi

start_server
"$JAVA" -cp "$bench_jar" io.doppel.bench.http.SeedTwins "$base" "$twins"
idle=$("$JAVA" -cp "$bench_jar" io.doppel.bench.http.OverloadProbe "$base" "$work/none" 5)
load "$capacity_connections" "$warmup" >/dev/null
load_capacity=$(loadavg)
cap=$(load "$capacity_connections" "$capacity_seconds")
capacity=$(awk -v n="$(field "$cap" ok)" -v d="$(field "$cap" duration_us)" 'BEGIN{printf "%.0f", n / (d / 1e6)}')

flood_from=$(date -u -d '-1 second' +%FT%TZ)
mkdir "$work/acked"
"$JAVA" -cp "$bench_jar" io.doppel.bench.http.OverloadProbe "$base" "$work/flood.done" >"$work/probe.out" &
probe_pid=$!
sleep 1 # the observer's JVM is up before the flood starts
load_flood=$(loadavg)
flood=$(DOPPEL_ACK_DIR="$work/acked" load "$connections" "$flood_seconds")
touch "$work/flood.done"
wait "$probe_pid"
probe=$(grep '^PROBE_RESULT' "$work/probe.out")

stop_server # everything acknowledged must survive a restart, not only be in memory
start_server
acked=$("$JAVA" -cp "$bench_jar" io.doppel.bench.http.AckedWritesCheck "$base" "$twins" "$work/acked" "$flood_from") \
  || true
stop_server

rate() { awk -v n="$1" -v d="$(field "$flood" duration_us)" 'BEGIN{printf "%.0f", n / (d / 1e6)}'; }
offered=$(rate "$(( $(field "$flood" ok) + $(field "$flood" shed) + $(field "$flood" other_status) ))")
per_request_us() { awk -v c="$(field "$1" cpu_us)" -v n="$(field "$1" requests)" 'BEGIN{printf "%.0f", c / n}'; }
cat <<EOF

### Overload run ($(date -u +%F) $(date -u +%H:%M) UTC, $(nproc) cores, server -Xmx$heap, ${twins} twins, max pending writes ${max_pending:-default})

| | figure |
|---|---|
| reads alone (no writes) | GET twin p50 $(field "$idle" twin_p50_ms) ms, p99 $(field "$idle" twin_p99_ms) ms; /health p99 $(field "$idle" health_p99_ms) ms |
| capacity: ${capacity_connections} connections, closed loop, ${capacity_seconds} s (load average $load_capacity) | **$capacity patches/s** (p99 $(( $(field "$cap" p99_us) / 1000 )) ms), server CPU $(per_request_us "$cap") µs per patch |
| flood: ${connections} connections, ${flood_seconds} s (load average $load_flood) | offered **$offered/s = $(awk -v o="$offered" -v c="$capacity" 'BEGIN{printf "%.1f", o / c}')x capacity**, server CPU $(per_request_us "$flood") µs per request |
| accepted (2xx) | $(rate "$(field "$flood" ok)")/s |
| shed (429) | $(rate "$(field "$flood" shed)")/s, $(field "$flood" shed_with_retry_after) of $(field "$flood" shed) with Retry-After |
| other status | $(field "$flood" other_status) |
| connection errors (connect / read / write / timeout) | $(field "$flood" connect_errors) / $(field "$flood" read_errors) / $(field "$flood" write_errors) / $(field "$flood" timeouts) |
| reads during the flood ($(field "$probe" twin_reads) GET twin, $(field "$probe" health_reads) /health) | GET twin p50 $(field "$probe" twin_p50_ms) ms, p99 $(field "$probe" twin_p99_ms) ms; /health p50 $(field "$probe" health_p50_ms) ms, p99 $(field "$probe" health_p99_ms) ms; not 200: $(field "$probe" non_200_reads) |
| heap used, max (sampled 4/s) | $(field "$probe" heap_max_mib) MiB of $heap; pending writes max $(field "$probe" pending_max) |
| recovery after the flood | pending writes 0 after $(field "$probe" drained_ms) ms, a write accepted after $(field "$probe" write_accepted_ms) ms |
| acknowledged writes checked after a restart | $(field "$acked" acknowledged), **lost $(field "$acked" lost)** (without ETag $(field "$acked" without_etag)) |
EOF
echo "$idle"$'\n'"$cap"$'\n'"$flood"$'\n'"$probe"$'\n'"$acked" >&2
