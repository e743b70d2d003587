#!/usr/bin/env bash
# Renders the plain manifests from the Helm chart, so that `kubectl apply -f k8s/` and
# `helm install` install the same operator.
#   scripts/render-k8s.sh                                          # k8s/, the chart's defaults
#   scripts/render-k8s.sh target/images.values.yaml target/k8s     # your images (build-images.sh)
# ManifestsTest fails when k8s/ differs from what the first form would write.
set -euo pipefail
cd "$(dirname "$0")/.."
VALUES=${1:-}
OUT=${2:-k8s}
scripts/install-tools.sh >/dev/null
mkdir -p "$OUT"
cat > "$OUT/00-namespace.yaml" <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: paralleljob-system
YAML
cp crds/paralleljobs.paralleljob.io-v1.yml "$OUT/01-crd.yaml"
.tools/helm template parallel-job-operator helm/parallel-job-operator --namespace paralleljob-system \
  ${VALUES:+-f "$VALUES"} > "$OUT/02-operator.yaml"
echo "$OUT/ regenerated"
