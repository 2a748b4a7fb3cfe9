#!/usr/bin/env bash
# Prints the path of the Compose Specification's JSON Schema, as Docker Compose itself validates
# with it (compose-spec/compose-go), fetched once through the Go module proxy into Go's module cache.
set -euo pipefail
version=v2.16.2
dir=$(go mod download -json "github.com/compose-spec/compose-go/v2@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -f "$dir/schema/compose-spec.json" ] || { echo "compose-spec-schema: no schema in $dir" >&2; exit 1; }
echo "$dir/schema/compose-spec.json"
