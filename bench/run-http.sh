#!/usr/bin/env bash
# Runs Doppel's HTTP load harness end to end: builds the bench jar, then measures JSON-Patch throughput with wrk
# (64 keep-alive connections) against a bare Javalin handler and against Doppel on its durable RocksDB store, in one
# run, and prints a Markdown report. Options go to io.doppel.bench.http.PatchLoad, e.g.
#   bench/run-http.sh --duration 30 --warmup 20 --rounds 2 --out /tmp/http.md
# Needs: wrk (apt-get install -y wrk) and a JDK >= 21 (JAVA, JAVA_HOME, the Temurin 25 JDK or java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
  echo "run-http.sh: the load generator wrk is not installed: apt-get install -y wrk" >&2
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
  ./mvnw -q -pl bench package -DskipTests ${MVN_FLAGS:-}
fi

exec "$JAVA" -Xms2g -Xmx2g --enable-native-access=ALL-UNNAMED \
  -cp bench/target/doppel-bench.jar io.doppel.bench.http.PatchLoad "$@"
