#!/usr/bin/env bash
# End to end on a real cluster (kind, or whatever the current kubeconfig points at): installs the
# operator with Helm, applies every example, waits for each to finish and prints its status, then
# runs one job in each image family (glibc, musl, static busybox, no shell, no libc at all), then
# what only a real cluster shows: suspend and resume, ttlSecondsAfterFinished under the chart's
# RBAC, and the kubectl plugin's get, results and logs.
#   kind create cluster --name pj && KIND_CLUSTER=pj scripts/build-images.sh && scripts/e2e-cluster.sh
#   REGISTRY=ghcr.io/you PUSH=1 scripts/build-images.sh && scripts/e2e-cluster.sh   # any cluster
# The images are those target/images.values.yaml names (written by build-images.sh; VALUES=FILE for
# another), else the chart's defaults with TAG. The plugin part runs when target/kubectl-paralleljob
# exists (scripts/build-plugin.sh).
# Uses .tools/helm and .tools/kubectl (scripts/install-tools.sh) unless helm/kubectl are on PATH.
# Exit 0 when every example ended in the phase it promises. Not run by the test suite (no cluster here).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh >/dev/null
HELM=$(command -v helm || echo .tools/helm)
KUBECTL=$(command -v kubectl || echo .tools/kubectl)
NS=${NS:-pj-e2e}
TAG=${TAG:-0.1.0}
VALUES=${VALUES:-target/images.values.yaml}
if [ -f "$VALUES" ]; then
  images=(-f "$VALUES"); echo "images from $VALUES"
else
  images=(--set image.tag="$TAG" --set runnerImage.tag="$TAG"); echo "no $VALUES: the chart's images, tag $TAG"
fi
"$KUBECTL" create namespace "$NS" --dry-run=client -o yaml | "$KUBECTL" apply -f -
"$HELM" upgrade --install parallel-job-operator helm/parallel-job-operator \
  --namespace paralleljob-system --create-namespace \
  "${images[@]}" --set image.pullPolicy=IfNotPresent --wait
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
gcr.io/distroless/python3-debian12|["python3", "-c", "import os; print(os.environ[\"PJ_ITEM\"])"]
hello-world:latest|["/hello"]'
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

# Suspend: created suspended it starts no pod; resumed it runs to the end.
"$KUBECTL" -n "$NS" delete pj e2e-suspend --ignore-not-found --wait
"$KUBECTL" -n "$NS" apply -f - <<YAML
apiVersion: paralleljob.io/v1alpha1
kind: ParallelJob
metadata: {name: e2e-suspend}
spec:
  workload: CPUBound
  parallelism: 2
  suspend: true
  range: {start: 0, end: 4}
  template: {image: "busybox:1.36-musl", command: ["sh", "-c", "sleep 1; echo \$PJ_ITEM"]}
YAML
"$KUBECTL" -n "$NS" wait --for=condition=Suspended pj/e2e-suspend --timeout=2m
sleep 5
pods=$("$KUBECTL" -n "$NS" get pods -l paralleljob.io/job=e2e-suspend -o name | wc -l)
if [ "$pods" -eq 0 ]; then echo "ok   e2e-suspend: no pod while suspended"; else echo "FAIL e2e-suspend: $pods pods while suspended"; status=1; fi
"$KUBECTL" -n "$NS" patch pj e2e-suspend --type merge -p '{"spec":{"suspend":false}}'
if "$KUBECTL" -n "$NS" wait --for=condition=Complete pj/e2e-suspend --timeout=5m; then
  echo "ok   e2e-suspend: resumed and Complete"
else
  echo "FAIL e2e-suspend: not Complete after resume"; status=1
fi

# TTL: the operator deletes the finished job itself (the chart must grant it delete).
"$KUBECTL" -n "$NS" delete pj e2e-ttl --ignore-not-found --wait
"$KUBECTL" -n "$NS" apply -f - <<YAML
apiVersion: paralleljob.io/v1alpha1
kind: ParallelJob
metadata: {name: e2e-ttl}
spec:
  ttlSecondsAfterFinished: 5
  items: ["a"]
  template: {image: "busybox:1.36-musl", command: ["true"]}
YAML
if "$KUBECTL" -n "$NS" wait --for=delete pj/e2e-ttl --timeout=3m; then
  echo "ok   e2e-ttl: deleted after it finished"
else
  echo "FAIL e2e-ttl: still there"; status=1
  "$KUBECTL" -n paralleljob-system logs deploy/parallel-job-operator --tail=20 || true
fi

# The kubectl plugin against the cluster, on the job the examples left.
if [ -x target/kubectl-paralleljob ]; then
  PATH="$PWD/target:$PATH"
  for cmd in "get primes" "results primes -o table" "logs primes"; do
    if "$KUBECTL" paralleljob $cmd -n "$NS" > /dev/null; then echo "ok   kubectl paralleljob $cmd"; else
      echo "FAIL kubectl paralleljob $cmd"; status=1; fi
  done
else
  echo "skip kubectl plugin: no target/kubectl-paralleljob (scripts/build-plugin.sh)"
fi
"$KUBECTL" -n "$NS" get pj
exit $status
