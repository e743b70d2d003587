#!/usr/bin/env bash
# Builds the operator and runner images; with KIND_CLUSTER set, loads them into that kind cluster.
#   scripts/build-images.sh                       # build paralleljob/operator and paralleljob/runner
#   KIND_CLUSTER=pj scripts/build-images.sh       # ... and `kind load` them into cluster "pj"
#   TAG=dev scripts/build-images.sh               # another tag (default: 0.1.0)
# Needs docker (a running engine) and, for kind, the kind binary. Not run by the tests: there is no
# container engine where they run.
set -euo pipefail
cd "$(dirname "$0")/.."
TAG=${TAG:-0.1.0}
mvn -B -q package -DskipTests
scripts/runner-dist.sh
docker build -f src/main/docker/Dockerfile.jvm -t "paralleljob/operator:$TAG" .
docker build -f src/main/docker/Dockerfile.runner -t "paralleljob/runner:$TAG" .
if [ -n "${KIND_CLUSTER:-}" ]; then
  kind load docker-image --name "$KIND_CLUSTER" "paralleljob/operator:$TAG" "paralleljob/runner:$TAG"
fi
echo "built paralleljob/operator:$TAG and paralleljob/runner:$TAG"
