#!/usr/bin/env bash
# Prints the path of Prometheus's promtool, built once from Prometheus's sources in the Go module
# proxy (no release binaries can be fetched here) and kept under ~/.cache/emporium. It checks and
# unit-tests deploy/prometheus/ (test/deploy/prometheus-rules.test.ts). The first build takes a
# few minutes.
set -euo pipefail
version=v0.54.1 # Prometheus 2.54.1, as docker-compose.yml runs it
cache="${XDG_CACHE_HOME:-$HOME/.cache}/emporium/promtool-$version"
if [ ! -x "$cache/promtool" ]; then
  # The module has replace directives, so it is built as the main module, from its own folder.
  dir=$(GOFLAGS=-mod=mod go mod download -json "github.com/prometheus/prometheus@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  mkdir -p "$cache"
  (cd "$dir" && GOFLAGS=-mod=mod go build -o "$cache/promtool.tmp" ./cmd/promtool) >&2
  mv "$cache/promtool.tmp" "$cache/promtool"
fi
echo "$cache/promtool"
