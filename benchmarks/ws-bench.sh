#!/usr/bin/env bash
# WebSocket fan-out: 1,000 clients on the standalone runtime, time from a threshold change to the status_update at
# all of them, 20 rounds. Needs `mvn -q -DskipTests package` and `mvn -q -Pbench -DskipTests package` first.
#   benchmarks/ws-bench.sh [clients] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ulimit -n 65536 2>/dev/null || ulimit -n 4096
. "$ROOT/benchmarks/runtime.sh"
WORK=$ROOT/benchmarks/target/ws
rm -rf "$WORK"
start_runtime "$WORK"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JAVA_OPTS='${JAVA_OPTS:-}'"
java -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" \
  org.openhab.binding.chargepriority.benchmarks.WsFanOut "http://127.0.0.1:$PORT" "${1:-1000}" "${2:-20}"
echo "# server after the run: RSS $(awk '/VmRSS/{print $2, $3}' /proc/$PID/status), threads $(awk '/Threads/{print $2}' /proc/$PID/status)"
