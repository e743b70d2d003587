#!/usr/bin/env bash
# Builds the operator and runner images, and writes the Helm values that name them
# (target/images.values.yaml), so the chart and k8s/ take the image names from one place.
#   scripts/build-images.sh                                  # paralleljob/operator, paralleljob/runner
#   REGISTRY=ghcr.io/acme PUSH=1 scripts/build-images.sh     # ghcr.io/acme/operator, .../runner, pushed
#   KIND_CLUSTER=pj scripts/build-images.sh                  # ... and `kind load` them into cluster "pj"
#   TAG=dev scripts/build-images.sh                          # another tag (default: 0.1.0)
#   PULL_SECRET=my-registry REGISTRY=... PUSH=1 scripts/build-images.sh
#                  # a private registry: the values also name the Secret the operator's pod and
#                  # every worker pod pull with (it must exist in the operator's namespace and in
#                  # each namespace jobs run in: kubectl create secret docker-registry ...)
# Then: helm install ... -f target/images.values.yaml, or plain manifests with those images:
#   scripts/render-k8s.sh target/images.values.yaml target/k8s && kubectl apply -f target/k8s/
# Needs docker (a running engine) and, for kind, the kind binary; to push, a `docker login` to the
# registry. Not run by the tests: there is no container engine where they run.
set -euo pipefail
. "$(dirname "$0")/env-settings.sh"
env_settings_only "$0" "$@"
cd "$(dirname "$0")/.."
TAG=${TAG:-0.1.0}
REGISTRY=${REGISTRY:-paralleljob}
REGISTRY=${REGISTRY%/}
OPERATOR="$REGISTRY/operator:$TAG"
RUNNER="$REGISTRY/runner:$TAG"
mvn -B -q package -DskipTests
scripts/runner-dist.sh
docker build -f src/main/docker/Dockerfile.jvm -t "$OPERATOR" .
docker build -f src/main/docker/Dockerfile.runner -t "$RUNNER" .
if [ -n "${PUSH:-}" ]; then
  docker push "$OPERATOR"
  docker push "$RUNNER"
fi
if [ -n "${KIND_CLUSTER:-}" ]; then
  kind load docker-image --name "$KIND_CLUSTER" "$OPERATOR" "$RUNNER"
fi
cat > target/images.values.yaml <<YAML
# Written by scripts/build-images.sh: the images it built${PUSH:+ and pushed}.
image:
  repository: $REGISTRY/operator
  tag: "$TAG"
runnerImage:
  repository: $REGISTRY/runner
  tag: "$TAG"
YAML
if [ -n "${PULL_SECRET:-}" ]; then
  cat >> target/images.values.yaml <<YAML
  pullSecrets: [$PULL_SECRET]
imagePullSecrets: [{name: $PULL_SECRET}]
YAML
fi
echo "built $OPERATOR and $RUNNER${PUSH:+ (pushed)}; Helm values in target/images.values.yaml"
