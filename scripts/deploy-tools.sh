#!/usr/bin/env bash
# The tools that check the deployment files without a cluster, each pinned, built or installed
# once and kept under ~/.cache/emporium; prints the variables the tests read them from:
#   eval "$(scripts/deploy-tools.sh)"     then   npx jest test/deploy
#   HELM                 Helm, built from the Go module proxy (no release binaries can be fetched here)
#   ACTIONLINT           actionlint, the GitHub Actions workflow checker, from the Go module proxy
#   KUBERNETES_VALIDATE  kubernetes-validate (PyPI), with the Kubernetes API's schemas
# The first run builds Helm (a few minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${XDG_CACHE_HOME:-$HOME/.cache}/emporium"

helm_version=v4.3.1        # as .github/workflows/ installs it
actionlint_version=v1.7.12

# go install <package>@<version> into a directory of its own; prints the command's path.
go_tool() {
  local package=$1 version=$2 name dir
  name=$(basename "$package")
  dir="$cache/$name-$version"
  if [ ! -x "$dir/$name" ]; then
    rm -rf "$dir.partial"
    GOBIN="$dir.partial" go install "$package@$version" >&2
    mkdir -p "$dir"
    mv "$dir.partial/$name" "$dir/$name"
    rm -rf "$dir.partial"
  fi
  echo "$dir/$name"
}

helm=$(go_tool helm.sh/helm/v4/cmd/helm "$helm_version")
actionlint=$(go_tool github.com/rhysd/actionlint/cmd/actionlint "$actionlint_version")

venv="$cache/kubernetes-validate-venv"
requirements=scripts/deploy-tools/requirements.txt
if ! cmp -s "$requirements" "$venv/requirements.txt" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$venv/requirements.txt"
fi

printf 'export HELM=%q\nexport ACTIONLINT=%q\nexport KUBERNETES_VALIDATE=%q\n' "$helm" "$actionlint" "$venv/bin/kubernetes-validate"
