#!/usr/bin/env bash
# Measures `orient serve` start-up: wall time (and the server's CPU seconds) until the chat page answers,
# until /api/health says warm (knowledge base, linker indexes, catalogs, agent loaded), and the first
# greeting's latency. Run it after `make run` has built the knowledge base and imported the catalogs once.
#   scripts/measure-startup.sh [STORAGE_DIR] [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
storage="${1:-var}"
port="${2:-8765}"
start=$(date +%s.%N)
ORIENT_STORAGE_DIR="$storage" .venv/bin/orient --data-dir "${ORIENT_DATA_DIR:-../shared/data}" serve --port "$port" \
  --log-level warning > "$storage/measure-startup.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "http://127.0.0.1:$port/"; do
  kill -0 $pid 2>/dev/null || { echo "server exited; see $storage/measure-startup.log" >&2; exit 1; }
  sleep 0.05
done
page=$(date +%s.%N)
read -r -a st < /proc/$pid/stat
cpu_page=$(echo "(${st[13]} + ${st[14]}) / $(getconf CLK_TCK)" | bc -l)
until curl -sf -o /dev/null "http://127.0.0.1:$port/api/health"; do sleep 0.1; done
warm=$(date +%s.%N)
first=$(curl -s -o /dev/null -w "%{time_total}" -X POST -H 'Content-Type: application/json' -d '{}' \
  "http://127.0.0.1:$port/api/conversations")
printf "page 200 after %.1f s wall (%.1f s CPU); warm after %.1f s; first greeting %.3f s; load average %s\n" \
  "$(echo "$page - $start" | bc)" "$cpu_page" "$(echo "$warm - $start" | bc)" "$first" "$(cut -d' ' -f1-3 /proc/loadavg)"
exit 0
