#!/usr/bin/env bash
# The control plane under load: JOBS ParallelJobs of PODS pods each through the real operator,
# against Fabric8's mock API server, with the test kubelet's instant pods (they end at once with a
# valid report), so what is measured is the operator's work per job, not the workers'.
#   bench/control-plane.sh              # 1000 jobs x 10 pods
#   bench/control-plane.sh 200 10
#   KEEP_PODS=1 bench/control-plane.sh  # finished pods stay: the heap with every pod in the cache
# Prints throughput, create-to-first-pod latency, the operator's API requests per job by verb,
# status writes, heap and RSS, where the CPU went, and the per-job state left once the jobs are
# deleted; the same text is in target/control-plane-JOBSxPODS.txt, Maven's whole log in
# target/control-plane-JOBSxPODS.log. The operator, the mock server and the kubelet share one JVM
# (the test's), so RSS is theirs together; the report says how the heap divides.
# It asserts what the in-suite run (20 x 3) asserts: every job Succeeded with all its results, no
# pod created twice, the requests per job within ApiRequestsTest's bounds. Needs maven and java 17
# (Maven fetches what the local repository lacks).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-1000}
PODS=${2:-10}
KEEP=false
[ -n "${KEEP_PODS:-}" ] && KEEP=true
base=target/control-plane-${JOBS}x${PODS}
mkdir -p target
rm -f "$base.txt" "$base.progress"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | sed -n 1p)," \
  "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
t0=$(date +%s)
# Maven relays a long-running fork's stdout late, and waited past surefire's 30 s for the fork's
# goodbye after the 1000-job run (it then kills the fork: "exit 131"): the figures come from the
# test's own files, and the fork is given time to exit.
touch "$base.progress"
tail -n +1 -F "$base.progress" 2>/dev/null &
tailer=$!
status=0
mvn -B -q test -Dtest=ControlPlaneBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsurefire.exitTimeout=600 -Dbench.jobs="$JOBS" -Dbench.pods="$PODS" -Dbench.keepPods="$KEEP" \
  > "$base.log" 2>&1 || status=$?
sleep 1
kill "$tailer" 2>/dev/null || true
[ -f "$base.txt" ] && cat "$base.txt"
report=target/surefire-reports/TEST-io.paralleljob.operator.ControlPlaneBenchmarkTest.xml
if [ "$status" -ne 0 ]; then
  grep -E '^\[ERROR\]|AssertionFailed|Exception' "$base.log" | head -20
  if [ -f "$report" ] && grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report"; then
    echo "the test passed, but Maven exited $status (see $base.log)"
  else
    echo "FAILED (exit $status): see $base.log"
  fi
fi
echo "whole command: $(( $(date +%s) - t0 )) s (build and Quarkus start included), load after $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
