#!/usr/bin/env bash
# Runs the app as a newcomer would and checks it: waits for /health, sends the Ctrl-C a terminal
# would, and checks that it stopped cleanly with its database server.
#   scripts/smoke-start.sh              the built app (node dist/main.js) on a fresh data directory
#                                       inside a private (0700) one, as a clone under /root is
#   scripts/smoke-start.sh --npm-start  `npm start` itself, with its default data directory (./.emporium)
set -euo pipefail
cd "$(dirname "$0")/.."

private_dir=$(mktemp -d)
log="$private_dir/app.log"
if [ "${1:-}" = --npm-start ]; then
  data_dir="$PWD/.emporium"
  command=(npm start)
  # npm itself reports a Ctrl-C as 130 (128 + SIGINT), as a shell does, once the app has stopped.
  clean_exit='^(0|130)$'
else
  data_dir="$private_dir/data"
  command=(node dist/main.js)
  clean_exit='^0$'
fi
# As root the cluster may be kept apart from a private data directory (a link to it): remove both.
trap 'cluster=$(readlink "$data_dir/postgres" || true); [ -z "$cluster" ] || rm -rf "$(dirname "$cluster")"; rm -rf "$private_dir"' EXIT

PORT=0 EMPORIUM_DATA_DIR="$data_dir" setsid "${command[@]}" >"$log" 2>&1 &
app_pid=$!

url=""
for _ in $(seq 1 240); do
  url=$(grep -o '"message":"Emporium is running","url":"[^"]*"' "$log" | sed 's/.*"url":"//; s/"$//' || true)
  [ -n "$url" ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$log"; echo "smoke: the app exited before it was running"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$log"; echo "smoke: the app did not start within 120 s"; kill -9 -- "-$app_pid"; exit 1; }

status=$(curl -s -o /dev/null -w '%{http_code}' "$url/health")
kill -INT -- "-$app_pid"
wait "$app_pid" && code=0 || code=$?
[ "$status" = 200 ] || { cat "$log"; echo "smoke: /health answered $status"; exit 1; }
[[ "$code" =~ $clean_exit ]] || { cat "$log"; echo "smoke: the app exited with $code after Ctrl-C"; exit 1; }
grep -q '"message":"stopped"' "$log" || { cat "$log"; echo "smoke: the app did not say it stopped"; exit 1; }
grep -q 'embedded PostgreSQL stopped' "$log" || { cat "$log"; echo "smoke: the database server was not stopped"; exit 1; }
echo "smoke: ${command[*]} served $url/health (200) and stopped cleanly on Ctrl-C (data in $data_dir)"
