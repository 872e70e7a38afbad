#!/usr/bin/env bash
# HTTP throughput and latency of the standalone runtime: wrk (keep-alive) against /chargepriority/health and
# /chargepriority/api/status, alternating, several rounds, on 127.0.0.1 only.
#
#   benchmarks/http-bench.sh [rounds] [duration]          (defaults: 3 rounds of 20 s per endpoint)
#   JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" benchmarks/http-bench.sh
#   BASELINE=1 benchmarks/http-bench.sh                   (the control: bare Jetty 9.4, no OSGi/Pax Web)
#   EXTRA_CARS=4 benchmarks/http-bench.sh                 (4 http cars beside the two simulated ones: 6 cars)
#
# Builds nothing: run `mvn -q -DskipTests package` first. Installs wrk from Debian when missing. Works in
# benchmarks/target/http/ (a copy of conf/ with geocoding off), prints one line per run and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${1:-3}
DURATION=${2:-20s}
THREADS=${WRK_THREADS:-2}
CONNECTIONS=${WRK_CONNECTIONS:-64}
JAR=$ROOT/runtime/target/chargepriority.jar
[ -f "$JAR" ] || { echo "$JAR missing: run mvn -q -DskipTests package first" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }

WORK=$ROOT/benchmarks/target/http
rm -rf "$WORK" && mkdir -p "$WORK/tmp" && cp -r "$ROOT/conf" "$WORK/conf"
echo "geocoding.enabled=false" >> "$WORK/conf/chargepriority.cfg"
for i in $(seq 1 "${EXTRA_CARS:-0}"); do echo "car.car$i.kind=http" >> "$WORK/conf/chargepriority.cfg"; done
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT/chargepriority

cd "$WORK"
if [ "${BASELINE:-}" = 1 ]; then
  # the control: bare Jetty 9.4 with fixed bodies (benchmarks module: mvn -q -Pbench -DskipTests package)
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" \
    org.openhab.binding.chargepriority.benchmarks.JettyBaseline "$PORT" > console.log 2>&1 &
else
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} -Djava.io.tmpdir="$WORK/tmp" -Dorg.osgi.service.http.port="$PORT" \
    -Dorg.ops4j.pax.web.listening.addresses=127.0.0.1 -jar "$JAR" > console.log 2>&1 &
fi
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/health" || true)" = 200 ] && break
  sleep 0.1
done
for i in $(seq 1 "${EXTRA_CARS:-0}"); do
  curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"battery_percent\": $((20 + 10 * i)), \"at_home\": true}" \
    "$BASE/api/vehicles/car$i/status" > /dev/null
done
curl -sf "$BASE/api/status" > /dev/null

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS='${JAVA_OPTS:-}'${BASELINE:+, BASELINE (bare Jetty)}, $((2 + ${EXTRA_CARS:-0})) cars, commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, after a 10 s warm-up of each endpoint"
for path in health api/status; do wrk -t"$THREADS" -c"$CONNECTIONS" -d10s "$BASE/$path" > /dev/null; done

parse() { # wrk output -> "req/s p50_ms p99_ms errors"
  awk '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx|Socket errors/ { err = err " " $0 }
    END { printf "%.0f %.2f %.2f%s\n", rps, p50, p99, (err == "" ? "" : " ERR:" err) }'
}
printf "%-6s %-12s %10s %8s %8s\n" round endpoint "req/s" "p50 ms" "p99 ms"
: > results.txt
for r in $(seq 1 "$ROUNDS"); do
  for path in health api/status; do
    read -r rps p50 p99 rest < <(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$BASE/$path" | parse)
    printf "%-6s %-12s %10s %8s %8s %s\n" "$r" "$path" "$rps" "$p50" "$p99" "${rest:-}"
    echo "$path $rps $p50 $p99" >> results.txt
  done
done
awk '{ n[$1]++; rps[$1, n[$1]] = $2; p50[$1, n[$1]] = $3; p99[$1, n[$1]] = $4 }
  function median(a, k, c,   i, j, t, v) { for (i = 1; i <= c; i++) v[i] = a[k, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return c % 2 ? v[(c + 1) / 2] : (v[c / 2] + v[c / 2 + 1]) / 2 }
  END { for (k in n) { m[k] = median(rps, k, n[k])
          printf "median %-12s %10.0f %8.2f %8.2f\n", k, m[k], median(p50, k, n[k]), median(p99, k, n[k]) }
        if (m["health"] > 0) printf "status/health rate: %.0f %%\n", 100 * m["api/status"] / m["health"] }' results.txt
echo "# heap after the runs: $(jcmd $PID GC.heap_info | sed -n 2p | sed 's/^ *//'), RSS $(awk '/VmRSS/{print $2, $3}' /proc/$PID/status)"
