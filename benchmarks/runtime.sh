# Sourced by the benchmark scripts: starts the standalone runtime in a fresh folder on a free 127.0.0.1 port.
#   start_runtime WORK      (WORK: a folder under benchmarks/target; put a data/ in it first to serve a database)
# Sets PORT and PID, stops the runtime when the script exits, and returns once /chargepriority/health answers 200.
start_runtime() {
  local work=$1
  mkdir -p "$work/tmp" && cp -r "$ROOT/conf" "$work/conf"
  sed -i 's/^#\?geocoding.enabled=.*/geocoding.enabled=false/' "$work/conf/chargepriority.cfg"
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  (cd "$work" && exec java ${JAVA_OPTS:-} -Djava.io.tmpdir="$work/tmp" -Dorg.osgi.service.http.port="$PORT" \
    -Dorg.ops4j.pax.web.listening.addresses=127.0.0.1 -jar "$ROOT/runtime/target/chargepriority.jar" \
    > "$work/console.log" 2>&1) &
  PID=$!
  trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/chargepriority/health" || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "the runtime did not answer /health within 30 s (see $work/console.log)" >&2
  return 1
}
