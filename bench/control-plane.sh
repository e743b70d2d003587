#!/usr/bin/env bash
# The control plane under load: JOBS ParallelJobs of PODS pods each through the real operator,
# against Fabric8's mock API server, with the test kubelet's instant pods (they end at once with a
# valid report), so what is measured is the operator's work per job, not the workers'.
#   bench/control-plane.sh              # 1000 jobs x 10 pods
#   bench/control-plane.sh 200 10
#   KEEP_PODS=1 bench/control-plane.sh  # finished pods stay: the heap with every pod in the cache
# Prints throughput, create-to-first-pod latency, the operator's API requests per job by verb,
# status writes, heap and RSS, CPU by thread group, and the per-job state left once the jobs are
# deleted; the same text is in target/control-plane-JOBSxPODS.txt and the whole log in
# target/control-plane-JOBSxPODS.log. The operator, the mock server and the kubelet share one JVM
# (the test's), so RSS is theirs together; the report says how the heap divides.
# It asserts what the in-suite run (20 x 3) asserts: every job Succeeded with all its results, no
# pod created twice, the requests per job within ApiRequestsTest's bounds. Needs maven and java 17
# (offline: the test dependencies must be in the local repository).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-1000}
PODS=${2:-10}
KEEP=false
[ -n "${KEEP_PODS:-}" ] && KEEP=true
log=target/control-plane-${JOBS}x${PODS}.log
mkdir -p target
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | sed -n 1p)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
t0=$(date +%s)
status=0
mvn -o -B -q test -Dtest=ControlPlaneBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.jobs="$JOBS" -Dbench.pods="$PODS" -Dbench.keepPods="$KEEP" > "$log" 2>&1 || status=$?
# The figures (lines the test marks "bench:"), progress notes included, then any failure.
sed -n 's/^bench: //p' "$log"
if [ "$status" -ne 0 ]; then
  grep -E '^\[ERROR\]|AssertionFailed|Exception' "$log" | head -20
  echo "FAILED (exit $status): see $log"
fi
echo "whole command: $(( $(date +%s) - t0 )) s (build and Quarkus start included), load after $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
