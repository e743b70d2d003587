#!/usr/bin/env bash
# Regenerates the plain manifests in k8s/ from the Helm chart's default rendering, so that
# `kubectl apply -f k8s/` and `helm install` install the same operator. ManifestsTest fails when
# k8s/ differs from what this script would write.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh >/dev/null
mkdir -p k8s
cat > k8s/00-namespace.yaml <<'YAML'
apiVersion: v1
kind: Namespace
metadata:
  name: paralleljob-system
YAML
cp crds/paralleljobs.paralleljob.io-v1.yml k8s/01-crd.yaml
.tools/helm template parallel-job-operator helm/parallel-job-operator --namespace paralleljob-system \
  > k8s/02-operator.yaml
echo "k8s/ regenerated"
