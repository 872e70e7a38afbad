#!/usr/bin/env bash
# Footprint of the standalone runtime.
#
#   benchmarks/footprint.sh startup [runs]           time from process start to /chargepriority/health = 200, median
#   benchmarks/footprint.sh soak [minutes] [name]    run with updateIntervalMinutes=1 for [minutes] (default 60),
#                                                    polling /api/status every 10 s like an open dashboard; every
#                                                    10 min: heap used after a full GC (jcmd) and RSS (/proc)
#
# JVM flags come from JAVA_OPTS, e.g. JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" for the Raspberry Pi profile.
# Uses a copy of runtime/target/chargepriority.jar (so a rebuild does not disturb a running soak), works in
# benchmarks/target/footprint/<name>/, binds 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MODE=${1:-startup}
BASEDIR=$ROOT/benchmarks/target/footprint
mkdir -p "$BASEDIR"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

prepare() { # name -> workdir with conf copy and jar copy
  local dir=$BASEDIR/$1
  rm -rf "$dir" && mkdir -p "$dir/tmp" && cp -r "$ROOT/conf" "$dir/conf"
  cp "$ROOT/runtime/target/chargepriority.jar" "$dir/chargepriority.jar"
  echo "geocoding.enabled=false" >> "$dir/conf/chargepriority.cfg"
  echo "$dir"
}

launch() { # dir port -> pid (background)
  local dir=$1 port=$2
  (cd "$dir" && exec java ${JAVA_OPTS:-} -Djava.io.tmpdir="$dir/tmp" -Dorg.osgi.service.http.port="$port" \
    -Dorg.ops4j.pax.web.listening.addresses=127.0.0.1 -jar "$dir/chargepriority.jar" >> "$dir/console.log" 2>&1) &
  echo $!
}

wait_healthy() { # port -> 0 when healthy within 30 s
  for _ in $(seq 1 1500); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/chargepriority/health" || true)" = 200 ] && return 0
    sleep 0.02
  done
  return 1
}

heap_used_after_gc_kib() { # pid
  jcmd "$1" GC.run > /dev/null
  # S0U + S1U + EU + OU of jstat -gc: the same for G1, Serial and Parallel
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 { printf "%.0f\n", $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"] }'
}
rss_kib() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
threads() { awk '/Threads/ { print $2 }' "/proc/$1/status"; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), JAVA_OPTS='${JAVA_OPTS:-}'"
case "$MODE" in
  startup)
    RUNS=${2:-7}
    dir=$(prepare startup)
    times=()
    for r in $(seq 1 "$RUNS"); do
      rm -rf "$dir/data"   # every run a first start on an empty data folder, as a new user's
      port=$(free_port)
      t0=$(now_ms); pid=$(launch "$dir" "$port")
      wait_healthy "$port" || { echo "run $r: not healthy"; kill "$pid"; exit 1; }
      t=$(( $(now_ms) - t0 ))
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$pid/stat")
      times+=("$t")
      sleep 2
      echo "run $r: healthy after $t ms (CPU time $cpu ms); heap used after GC $(heap_used_after_gc_kib "$pid") KiB, RSS $(rss_kib "$pid") KiB"
      kill "$pid"; wait "$pid" 2>/dev/null || true
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median start-up: %d ms (min %d, max %d, %d runs)\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR], NR }'
    ;;
  soak)
    MINUTES=${2:-60}
    NAME=${3:-soak}
    dir=$(prepare "$NAME")
    sed -i 's/^updateIntervalMinutes=.*/updateIntervalMinutes=1/' "$dir/conf/chargepriority.cfg"
    port=$(free_port)
    pid=$(launch "$dir" "$port")
    trap 'kill $pid 2>/dev/null || true' EXIT
    wait_healthy "$port" || { echo "not healthy"; exit 1; }
    echo "minute heap_used_after_gc_KiB rss_KiB threads readings"
    end=$(( $(date +%s) + MINUTES * 60 ))
    next_sample=$(date +%s)
    minute=0
    while [ "$(date +%s)" -lt "$end" ]; do
      if [ "$(date +%s)" -ge "$next_sample" ]; then
        readings=$(python3 -c "import sqlite3,sys; print(sqlite3.connect('file:$dir/data/charging_manager.db?mode=ro', uri=True).execute('select count(*) from battery_readings').fetchone()[0])" 2>/dev/null || echo '?')
        echo "$minute $(heap_used_after_gc_kib "$pid") $(rss_kib "$pid") $(threads "$pid") $readings"
        next_sample=$(( next_sample + 600 )); minute=$(( minute + 10 ))
      fi
      curl -s -o /dev/null "http://127.0.0.1:$port/chargepriority/api/status" || echo "status request failed at $(date -u +%T)"
      sleep 10
    done
    readings=$(python3 -c "import sqlite3; print(sqlite3.connect('file:$dir/data/charging_manager.db?mode=ro', uri=True).execute('select count(*) from battery_readings').fetchone()[0])")
    echo "$MINUTES $(heap_used_after_gc_kib "$pid") $(rss_kib "$pid") $(threads "$pid") $readings"
    jcmd "$pid" GC.heap_info | sed 's/^/# /'
    echo "# errors in the log: $(grep -cE '\b(ERROR|FATAL)\b' "$dir/console.log" || true)"
    ;;
  *) echo "usage: $0 startup [runs] | soak [minutes] [name]" >&2; exit 2 ;;
esac
