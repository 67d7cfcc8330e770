#!/usr/bin/env bash
# Runs Doppel's MQTT ingest harness: builds the bench jar, starts Doppel in-process on its durable RocksDB store with
# the MQTT endpoint on, and has HiveMQ async clients (or, with --client raw, the harness's prepared-frame clients)
# publish telemetry to it on loopback. Options go to io.doppel.bench.mqtt.MqttIngestBench, e.g.
#   bench/run-mqtt.sh --qos 1 --clients 8 --window 256 --twins 1000 --values 10 --seconds 15 --warmup 5
#   bench/run-mqtt.sh --client raw --qos 1
#   bench/run-mqtt.sh --qos 0 --mqtt 3
# JFR=1 also records a flight recording to /tmp/doppel-mqtt.jfr (jfr print --events jdk.ExecutionSample ...).
# Needs a JDK >= 21 (JAVA, JAVA_HOME, the Temurin 25 JDK or java on the PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

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

JFR_ARGS=()
if [[ "${JFR:-0}" == 1 ]]; then
  JFR_ARGS=(-XX:StartFlightRecording=filename=/tmp/doppel-mqtt.jfr,settings=profile)
fi

exec "$JAVA" -Xms2g -Xmx2g --enable-native-access=ALL-UNNAMED "${JFR_ARGS[@]}" \
  -cp bench/target/doppel-bench.jar io.doppel.bench.mqtt.MqttIngestBench "$@"
