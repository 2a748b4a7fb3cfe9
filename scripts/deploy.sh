#!/usr/bin/env bash
# Deploys the image just built to the cluster of one environment, with the Helm chart; the
# pipeline's deploy jobs run it (.github/workflows/ci.yml):
#   KUBECONFIG_DATA  the environment's kubeconfig            VALUES  its values file (YAML)
#   DIGEST           the image's digest (sha256:…)           NAMESPACE
#   scripts/deploy.sh <environment>
# The production values are the base; the environment's own values are laid over them.
# --rollback-on-failure rolls a failed upgrade back (a failed migration Job fails it before any
# pod is replaced).
set -euo pipefail
cd "$(dirname "$0")/.."
environment=${1:?which environment}
: "${KUBECONFIG_DATA:?is not set: the KUBECONFIG secret of the environment}" "${DIGEST:?is not set: the digest of the image}" "${NAMESPACE:?is not set}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
printf '%s\n' "$KUBECONFIG_DATA" >"$work/kubeconfig"
printf '%s\n' "${VALUES:-}" >"$work/values.yaml"
export KUBECONFIG="$work/kubeconfig"

helm upgrade --install "emporium-$environment" deploy/helm/emporium \
  --namespace "$NAMESPACE" --create-namespace \
  -f deploy/helm/emporium/values-production.yaml -f "$work/values.yaml" \
  --set image.digest="$DIGEST" \
  --rollback-on-failure --wait --timeout 15m
helm status "emporium-$environment" --namespace "$NAMESPACE"
