#!/usr/bin/env bash
# A newcomer's first minutes, as root in a container: a clean clone of HEAD into a private (0700)
# directory, `npm ci`, then `npm start` answers /health (scripts/smoke-start.sh --npm-start).
set -euo pipefail
cd "$(dirname "$0")/.."

private_dir=$(mktemp -d)
trap 'rm -rf "$private_dir"' EXIT
[ "$(stat -c %a "$private_dir")" = 700 ] || { echo "smoke: mktemp -d did not make a 0700 directory"; exit 1; }
git clone --quiet --no-hardlinks . "$private_dir/emporium"
cd "$private_dir/emporium"
npm ci --no-audit --no-fund 2>&1 | tail -n 3
scripts/smoke-start.sh --npm-start
echo "smoke: a clean clone in a 0700 directory owned by $(id -un) installs and starts"
