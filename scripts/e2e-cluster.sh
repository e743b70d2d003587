#!/usr/bin/env bash
# End to end on a real cluster (kind, or whatever the current kubeconfig points at): installs the
# operator with Helm, applies every example, waits for each to finish and prints its status, then
# runs one job in each image family (glibc, musl, static busybox, no shell).
#   kind create cluster --name pj && KIND_CLUSTER=pj scripts/build-images.sh && scripts/e2e-cluster.sh
# Uses .tools/helm and .tools/kubectl (scripts/install-tools.sh) unless helm/kubectl are on PATH.
# Exit 0 when every example ended in the phase it promises. Not run by the test suite (no cluster here).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh >/dev/null
HELM=$(command -v helm || echo .tools/helm)
KUBECTL=$(command -v kubectl || echo .tools/kubectl)
NS=${NS:-pj-e2e}
TAG=${TAG:-0.1.0}
"$KUBECTL" create namespace "$NS" --dry-run=client -o yaml | "$KUBECTL" apply -f -
"$HELM" upgrade --install parallel-job-operator helm/parallel-job-operator \
  --namespace paralleljob-system --create-namespace \
  --set image.tag="$TAG" --set runnerImage.tag="$TAG" --set image.pullPolicy=IfNotPresent --wait
status=0
for f in examples/*.yaml; do
  if grep -q '^# local-only:' "$f"; then echo "skip $f: local only"; continue; fi
  name=$(sed -n 's/^  name: //p' "$f" | sed -n 1p)
  expected=$(sed -n 's/^# expected-phase: \([A-Za-z]*\).*/\1/p' "$f"); expected=${expected:-Succeeded}
  "$KUBECTL" -n "$NS" delete pj "$name" --ignore-not-found --wait
  "$KUBECTL" -n "$NS" apply -f "$f"
  condition=$([ "$expected" = Succeeded ] && echo Complete || echo Failed)
  if "$KUBECTL" -n "$NS" wait --for=condition="$condition" "pj/$name" --timeout=10m; then
    echo "ok   $name: $expected"
  else
    echo "FAIL $name: expected $expected"; status=1
  fi
  "$KUBECTL" -n "$NS" get pj "$name"
  "$KUBECTL" -n "$NS" get pj "$name" -o jsonpath='{.status.timing}{"\n"}{.status.decision.reason}{"\n"}'
done
# One job per image family: the runner brings its own libc, so each must succeed (README, "Worker
# pods run your image"). image|command, the command as a JSON list.
families='python:3.12-slim|["python3", "-c", "import os; print(os.environ[\"PJ_ITEM\"])"]
python:3.12-alpine|["python3", "-c", "import os; print(os.environ[\"PJ_ITEM\"])"]
busybox:1.36-musl|["sh", "-c", "echo $PJ_ITEM"]
curlimages/curl:8.10.1|["curl", "--version"]
gcr.io/distroless/python3-debian12|["python3", "-c", "import os; print(os.environ[\"PJ_ITEM\"])"]'
i=0
while IFS='|' read -r image command; do
  i=$((i + 1)); name=family-$i
  "$KUBECTL" -n "$NS" delete pj "$name" --ignore-not-found --wait
  "$KUBECTL" -n "$NS" apply -f - <<YAML
apiVersion: paralleljob.io/v1alpha1
kind: ParallelJob
metadata: {name: $name}
spec:
  workload: CPUBound
  parallelism: 2
  items: ["a", "b", "c"]
  template: {image: "$image", command: $command}
YAML
  if "$KUBECTL" -n "$NS" wait --for=condition=Complete "pj/$name" --timeout=5m; then
    echo "ok   $name: $image"
  else
    echo "FAIL $name: $image"; status=1
    "$KUBECTL" -n "$NS" get pj "$name" -o jsonpath='{.status.conditions}{"\n"}'
  fi
done <<< "$families"
"$KUBECTL" -n "$NS" get pj
exit $status
