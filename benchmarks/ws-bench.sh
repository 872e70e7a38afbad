#!/usr/bin/env bash
# WebSocket fan-out: 1,000 clients on the standalone runtime, time from a threshold change to the status_update at
# all of them, 20 rounds. Needs `mvn -q -DskipTests package` and `mvn -q -Pbench -DskipTests package` first.
#   benchmarks/ws-bench.sh [clients] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ulimit -n 65536 2>/dev/null || ulimit -n 4096
WORK=$ROOT/benchmarks/target/ws
rm -rf "$WORK" && mkdir -p "$WORK/tmp" && cp -r "$ROOT/conf" "$WORK/conf"
sed -i 's/^#\?geocoding.enabled=.*/geocoding.enabled=false/' "$WORK/conf/chargepriority.cfg"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cd "$WORK"
java ${JAVA_OPTS:-} -Djava.io.tmpdir="$WORK/tmp" -Dorg.osgi.service.http.port="$PORT" \
  -Dorg.ops4j.pax.web.listening.addresses=127.0.0.1 -jar "$ROOT/runtime/target/chargepriority.jar" > console.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/chargepriority/health" || true)" = 200 ] && break
  sleep 0.1
done
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JAVA_OPTS='${JAVA_OPTS:-}'"
java -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" \
  org.openhab.binding.chargepriority.benchmarks.WsFanOut "http://127.0.0.1:$PORT" "${1:-1000}" "${2:-20}"
echo "# server after the run: RSS $(awk '/VmRSS/{print $2, $3}' /proc/$PID/status), threads $(awk '/Threads/{print $2}' /proc/$PID/status)"
