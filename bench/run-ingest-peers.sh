#!/usr/bin/env bash
# Measures the history's ingest next to VictoriaMetrics on this machine, in one run: starts VictoriaMetrics on
# loopback with a temporary data directory, sends the same values (10 x --twins series x --points seconds) to it
# and to Doppel's telemetry API over HTTP (io.doppel.bench.ingestpeer.IngestPeerBench), stops it, then runs the
# in-process history ingest (io.doppel.bench.history.HistoryBench, INPROC_SECONDS long). Options go to
# IngestPeerBench, e.g.
#   bench/run-ingest-peers.sh --twins 1000 --points 20 --in-flight 32
# Needs: victoria-metrics (apt-get install -y victoria-metrics) and a JDK >= 21 (JAVA, JAVA_HOME, the Temurin 25
# JDK or java on the PATH). Not part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."

VM_BIN="${VM_BIN:-$(command -v victoria-metrics || true)}"
if [[ -z "$VM_BIN" ]]; then
  echo "run-ingest-peers.sh: VictoriaMetrics is not installed: apt-get install -y victoria-metrics" >&2
  exit 1
fi

if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif [[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
  else
    JAVA=java
  fi
fi

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -q -pl bench -am package -DskipTests ${MVN_FLAGS:-}
fi

VM_PORT="${VM_PORT:-18428}"
VM_DATA="$(mktemp -d /tmp/doppel-bench-vm.XXXXXX)"
"$VM_BIN" -storageDataPath="$VM_DATA" -httpListenAddr="127.0.0.1:$VM_PORT" -retentionPeriod=10y \
  -loggerLevel=ERROR >"$VM_DATA.log" 2>&1 &
VM_PID=$!
cleanup() {
  kill "$VM_PID" 2>/dev/null || true
  wait "$VM_PID" 2>/dev/null || true
  rm -rf "$VM_DATA" "$VM_DATA.log"
}
trap cleanup EXIT

for _ in $(seq 1 50); do
  if curl -fsS "http://127.0.0.1:$VM_PORT/health" >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$VM_PORT/health" >/dev/null

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
VM_VERSION="$(dpkg-query -W -f='${Version}' victoria-metrics 2>/dev/null || true)"
"$JAVA" -Xms1g -Xmx1g --enable-native-access=ALL-UNNAMED -Dvm.version="$VM_VERSION" \
  -cp bench/target/doppel-bench.jar io.doppel.bench.ingestpeer.IngestPeerBench --vm "http://127.0.0.1:$VM_PORT" "$@"
cleanup
trap - EXIT

echo
echo "in-process (HistoryBench 1000 twins, 4 writers, ${INPROC_SECONDS:-5} s):"
"$JAVA" -Xmx1g --enable-native-access=ALL-UNNAMED -cp bench/target/doppel-bench.jar \
  io.doppel.bench.history.HistoryBench 1000 4 "${INPROC_SECONDS:-5}" | grep -E "^ingest" || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
