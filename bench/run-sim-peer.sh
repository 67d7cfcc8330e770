#!/usr/bin/env bash
# The simulation kernel beside SimPy, in one run: SimPy (shared/peers/des-simpy.sh) and Doppel on the same M/M/1 and
# M/M/2 with the same customers (answers and wall time), then the kernel's JMH events/s (hold model, M/M/1).
# Usage: bench/run-sim-peer.sh [customers=200000]   SKIP_BUILD=1 to reuse bench/target/doppel-bench.jar,
# JMH_ARGS to override the brief JMH settings (default: -wi 2 -w 2 -i 3 -r 3 -f 1).
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-200000}
peers=${PEERS:-../shared/peers}

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
  ./mvnw -q -B -pl bench -am package -DskipTests ${MVN_FLAGS:-}
fi
jar=bench/target/doppel-bench.jar
out=$(mktemp -d)

echo "== SimPy ($customers customers)"
# the whole SimPy process's CPU time (both models, with start-up): a floor for its events per CPU second
TIMEFORMAT='%U %S'
{ time bash "$peers/des-simpy.sh" "$customers" >"$out/simpy.txt"; } 2>"$out/simpy-cpu.txt"
cat "$out/simpy.txt"
echo "simpy_process_cpu_s=$(awk '{ printf "%.3f", $1 + $2 }' "$out/simpy-cpu.txt")"
echo "== Doppel ($customers customers)"
"$JAVA" -Xmx1g -cp "$jar" io.doppel.bench.sim.SimPeerRun "$customers" | tee "$out/doppel.txt"
echo "== Doppel kernel probe (events per CPU second of the thread)"
"$JAVA" -Xmx1g -cp "$jar" io.doppel.bench.sim.SimKernelProbe 3 | tee "$out/probe.txt"
echo "== JMH: kernel events/s on one thread"
# shellcheck disable=SC2086
"$JAVA" -jar "$jar" SimKernel ${JMH_ARGS:--wi 2 -w 2 -i 3 -r 3 -f 1} -rf text -rff "$out/jmh.txt" >"$out/jmh.log"
cat "$out/jmh.txt"

value() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p" | head -1; }
echo "== Comparison (same machine, same run)"
for m in mm1 mm2; do
  s_cps=$(awk -v n="$customers" -v t="$(value "$out/simpy.txt" ${m}_wall_s)" 'BEGIN { printf "%.0f", n / t }')
  d_cps=$(value "$out/doppel.txt" ${m}_customers_per_s)
  s_eps=$(value "$out/simpy.txt" ${m}_events_per_s)
  d_eps=$(value "$out/doppel.txt" ${m}_events_per_s)
  printf '%s: W SimPy %s, Doppel %s (95%% CI %s), analytic %s\n' "$m" "$(value "$out/simpy.txt" ${m}_W_sim)" \
    "$(value "$out/doppel.txt" ${m}_W_sim)" "$(value "$out/doppel.txt" ${m}_W_ci95)" "$(value "$out/simpy.txt" ${m}_W_analytic)"
  printf '%s: customers/s SimPy %s, Doppel %s: %sx; events/s SimPy %s (3 per customer), Doppel %s (2 per customer): %sx\n' \
    "$m" "$s_cps" "$d_cps" "$(awk -v a="$d_cps" -v b="$s_cps" 'BEGIN { printf "%.0f", a / b }')" \
    "$s_eps" "$d_eps" "$(awk -v a="$d_eps" -v b="$s_eps" 'BEGIN { printf "%.0f", a / b }')"
done
simpy_cpu=$(awk '{ print $1 + $2 }' "$out/simpy-cpu.txt")
simpy_events=$(( $(value "$out/simpy.txt" mm1_events) + $(value "$out/simpy.txt" mm2_events) ))
doppel_mm1_cpu=$(sed -n 's/.*mm1_events_per_cpu_s=\([0-9]*\).*/\1/p' "$out/probe.txt" | sort -n | tail -1)
doppel_hold_cpu=$(sed -n 's/.*hold1000_events_per_cpu_s=\([0-9]*\).*/\1/p' "$out/probe.txt" | sort -n | tail -1)
awk -v e="$simpy_events" -v n="$customers" -v c="$simpy_cpu" -v m="$doppel_mm1_cpu" -v h="$doppel_hold_cpu" 'BEGIN {
  printf "per CPU second: SimPy %.0f events, %.0f customers (whole process: both models and start-up)\n", e / c, 2 * n / c
  printf "per CPU second: Doppel M/M/1 %.0f events, %.0f customers (%.0fx SimPy per customer); hold model, 1,000 pending, %.0f events\n", m, m / 2, (m / 2) / (2 * n / c), h }'
