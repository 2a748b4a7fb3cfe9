#!/usr/bin/env bash
# Runs the image's last stage as a container would run it, without Docker (there is none here):
# the files the Dockerfile's last stage copies (the build of this checkout, and the production
# dependencies from the lockfile), as its USER, with its ENV, on a read-only root filesystem
# (bubblewrap) where only /data and /tmp can be written. The shop must start, pass the image's
# HEALTHCHECK, answer its catalog, stop cleanly on SIGTERM, and start again on the same /data.
# Prints the size of what the image adds to its base. Needs `npm run build` first, and root.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v bwrap >/dev/null || { echo "smoke-image: bwrap is missing (apt-get install bubblewrap)"; exit 1; }
[ -f dist/main.js ] || { echo "smoke-image: no dist/ (npm run build first)"; exit 1; }

# Not under /tmp, which the container gets a tmpfs of its own over.
work=$(mktemp -d -p /var/tmp emporium-image.XXXXXX)
chmod 755 "$work"
app_pid=""
# The app itself: under bubblewrap (which passes no signal on) under the subshell that started it.
# Killing those does not kill it: setpriv's change of user clears the signal bubblewrap would
# have it sent when its parent dies.
app_itself() {
  local pid=$app_pid
  while [ -n "$pid" ] && [ "$(ps -o comm= -p "$pid")" != node ]; do pid=$(pgrep -P "$pid" | head -n 1); done
  echo "$pid"
}
cleanup() {
  local pid
  pid=$(app_itself)
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The last stage: every line after the last FROM.
stage=$(awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' Dockerfile)

# What the build stage leaves in /app: the production dependencies of the lockfile, and the build.
built="$work/built"
mkdir -p "$built"
cp package.json package-lock.json "$built/"
(cd "$built" && npm ci --omit=dev --no-audit --no-fund --loglevel=error >&2)
cp -r dist "$built/dist"

app="$work/app"
mkdir -p "$app"
while read -r source target; do
  case "$source" in
    --from=build) read -r source target <<<"$target"; from="$built/${source#/app/}" ;;
    *) from="$source" ;;
  esac
  name=$(basename "$target")
  [ "$target" != ./ ] || name=$(basename "$source")
  cp -r "$from" "$app/$name"
done < <(printf '%s' "$stage" | sed -n 's/^COPY //p')
chmod -R a+rX "$app"

user=$(printf '%s' "$stage" | sed -n 's/^USER //p' | tail -n 1)
mapfile -t image_env < <(printf '%s' "$stage" | sed -n 's/^ENV //p' | tr ' ' '\n' | grep '=')
# The exec forms, ["node", "…"], as words.
read -r -a health <<<"$(printf '%s' "$stage" | sed -n 's/^HEALTHCHECK .*CMD \[\(.*\)\]$/\1/p' | tr -d '",')"
read -r -a main <<<"$(printf '%s' "$stage" | sed -n 's/^CMD \[\(.*\)\]$/\1/p' | tr -d '",')"
if [ -z "$user" ] || [ "${user%%:*}" = 0 ] || [ "${user%%:*}" = root ]; then echo "smoke-image: the image runs as root (USER '$user')"; exit 1; fi
[ "${#health[@]}" -gt 0 ] || { echo "smoke-image: the image has no HEALTHCHECK"; exit 1; }

data="$work/data"
mkdir -p "$data"
chown "$user" "$data"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

# In the container: everything read-only but its volume and a tmpfs on /tmp. The image's files
# and volume stay where they are here (a read-only root has no room for /app and /data), so
# EMPORIUM_DATA_DIR is set over the image's /data, and HOST to loopback over its 0.0.0.0.
contained() {
  bwrap --ro-bind / / --bind "$data" "$data" --tmpfs /tmp --proc /proc --dev /dev --die-with-parent --chdir "$app" \
    setpriv --reuid="${user%%:*}" --regid="${user##*:}" --clear-groups -- \
    env "${image_env[@]}" EMPORIUM_DATA_DIR="$data" HOST=127.0.0.1 PORT="$port" EMPORIUM_ADMIN_EMAIL=admin@shop.example EMPORIUM_ADMIN_PASSWORD="image smoke admin passphrase" "$@"
}

start() {
  contained "${main[@]}" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do
    if contained "${health[@]}"; then return 0; fi
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; echo "smoke-image: the app exited while starting"; exit 1; }
    sleep 0.5
  done
  cat "$work/app.log"; echo "smoke-image: the HEALTHCHECK did not pass within 120 s"; exit 1
}

stop() {
  # As `docker stop` does: SIGTERM to the command itself.
  kill -TERM "$(app_itself)"
  wait "$app_pid" && code=0 || code=$?
  app_pid=""
  [ "$code" = 0 ] || { cat "$work/app.log"; echo "smoke-image: exited with $code after SIGTERM"; exit 1; }
  grep -q 'embedded PostgreSQL stopped' "$work/app.log" || { cat "$work/app.log"; echo "smoke-image: the database server was not stopped"; exit 1; }
}

start
products=$(curl -sf "http://127.0.0.1:$port/api/products" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
[ "$products" -gt 0 ] || { echo "smoke-image: the demo catalog is empty"; exit 1; }
stop
written=$(find "$data" -newer "$app/package.json" -type f | wc -l)
start
again=$(curl -sf "http://127.0.0.1:$port/api/products" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).items.length))')
[ "$again" = "$products" ] || { echo "smoke-image: after a restart the catalog has $again products, not $products"; exit 1; }
stop

echo "smoke-image: as user $user on a read-only root, the shop started, passed '${health[*]}', served $products products, stopped on SIGTERM, and started again on its /data ($written files)"
echo "smoke-image: what the image adds to its base: $(du -sm "$app" | cut -f1) MB ($(du -sm "$app/node_modules" | cut -f1) MB of it production dependencies)"
