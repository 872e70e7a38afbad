#!/usr/bin/env bash
# GET /api/history over HTTP (query + JSON + transfer) against the standalone runtime serving a full 90-day history
# (one reading a minute per car, written by HistoryBench). Needs the runtime jar and the benchmarks module built, and
# HistoryBench run first (it leaves benchmarks/target/history/data/charging_manager.db.90d).
#   benchmarks/history-http.sh [repeats]
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REPEATS=${1:-5}
SOURCE=$ROOT/benchmarks/target/history/data/charging_manager.db.90d
[ -f "$SOURCE" ] || { echo "run HistoryBench first" >&2; exit 1; }
. "$ROOT/benchmarks/runtime.sh"
WORK=$ROOT/benchmarks/target/history-http
rm -rf "$WORK" && mkdir -p "$WORK/data"
cp "$SOURCE" "$WORK/data/charging_manager.db"
start_runtime "$WORK"
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JAVA_OPTS='${JAVA_OPTS:-}', commit $(git -C "$ROOT" rev-parse --short HEAD)"
echo "# curl -s -o /dev/null -w '%{time_total} %{size_download}' URL; first answer, then the median of $REPEATS"
printf "%-40s %9s %12s %12s %10s\n" query readings "first ms" "median ms" "MB"
for q in "hours=24" "hours=168" "hours=2160" "hours=720&step_minutes=29" "hours=2160&step_minutes=60"; do
  url="http://127.0.0.1:$PORT/chargepriority/api/history?$q"
  n=$(curl -s "$url" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])' 2>/dev/null \
      || curl -s "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["readings"]))')
  times=()
  first=""
  for i in $(seq 0 "$REPEATS"); do
    read -r t size < <(curl -s -o /dev/null -w '%{time_total} %{size_download}\n' "$url")
    ms=$(python3 -c "print(round($t * 1000, 1))")
    if [ "$i" = 0 ]; then first=$ms; else times+=("$ms"); fi
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  printf "%-40s %9s %12s %12s %10.1f\n" "$q" "$n" "$first" "$median" "$(python3 -c "print($size / 1e6)")"
done
