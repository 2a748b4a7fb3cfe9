#!/usr/bin/env bash
# Schemathesis against the built app (`node dist/main.js`, embedded profile, fresh data), as an
# anonymous caller and as an admin: every check, a fixed seed, a bounded number of examples.
# Exits non-zero on any failure. The exceptions, each with its reason, are in
# scripts/schemathesis/schemathesis.toml. Installs schemathesis (pinned, from PyPI) in a venv under
# ~/.cache/emporium. Set SCHEMATHESIS_EXAMPLES to change the number of examples per operation.
set -euo pipefail
cd "$(dirname "$0")/.."

cache="${EMPORIUM_TEST_SERVERS_CACHE:-$HOME/.cache/emporium}"
venv="$cache/schemathesis-venv"
requirements=scripts/schemathesis/requirements.txt
if ! cmp -s "$requirements" "$venv/requirements.txt" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi

work=$(mktemp -d)
data_dir="$work/data"
log="$work/app.log"
admin_email=fuzz-admin@emporium.local
admin_password="schemathesis admin $(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -INT -- "-$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  cluster=$(readlink "$data_dir/postgres" || true)
  [ -z "$cluster" ] || rm -rf "$(dirname "$cluster")"
  rm -rf "$work"
}
trap cleanup EXIT

PORT=0 EMPORIUM_DATA_DIR="$data_dir" EMPORIUM_ADMIN_EMAIL="$admin_email" EMPORIUM_ADMIN_PASSWORD="$admin_password" \
  ACCESS_TOKEN_TTL_SECONDS=7200 LOG_LEVEL=info setsid node dist/main.js >"$log" 2>&1 &
app_pid=$!
url=""
for _ in $(seq 1 240); do
  url=$(grep -o '"message":"Emporium is running","url":"[^"]*"' "$log" | sed 's/.*"url":"//; s/"$//' || true)
  [ -n "$url" ] && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$log"; echo "schemathesis: the app exited before it was running"; exit 1; }
  sleep 0.5
done
[ -n "$url" ] || { cat "$log"; echo "schemathesis: the app did not start"; exit 1; }

# Signed in before the anonymous run, whose failed sign-ins fill this address's throttle.
token=$(curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
  -d "{\"email\":\"$admin_email\",\"password\":\"$admin_password\"}" | python3 -c 'import json, sys; print(json.load(sys.stdin)["accessToken"])')

# One worker: hypothesis parses lambdas with ast.parse, which CPython 3.11 cannot do from two
# threads at once ("AST constructor recursion depth mismatch").
# Its report goes to a file and only its count is printed: the report closes on a pytest-style
# "N warnings in Ns" line, which CI would read as a test run that ran no test. On a failure the
# whole report is printed.
run() {
  local who=$1
  shift
  local report="$work/schemathesis-$(echo "$who" | tr ' ' '-').txt"
  if "$venv/bin/schemathesis" --config-file scripts/schemathesis/schemathesis.toml --no-color run "$url/api/openapi.json" --url "$url" \
    --checks all --seed 20261125 --max-examples "${SCHEMATHESIS_EXAMPLES:-20}" --phases examples,coverage,fuzzing --workers 1 "$@" >"$report" 2>&1; then
    echo "schemathesis ($who): $(grep -E '^ *[0-9]+ generated' "$report" | sed 's/^ *//')"
  else
    cat "$report"
    echo "schemathesis ($who): FAILED"
    return 1
  fi
}
status=0
run "anonymous" || status=1
run "as an admin" -H "Authorization: Bearer $token" || status=1
grep -q '"level":"error"' "$log" && { echo "schemathesis: the app logged errors:"; grep '"level":"error"' "$log" | head -20; status=1; }
exit $status
