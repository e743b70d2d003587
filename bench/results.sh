#!/usr/bin/env bash
# Benchmarks of the results file and the results command: prints figures, asserts nothing.
#   bench/results.sh              # ITEMS=20000 ROWS=100000 by default
#   ITEMS=5000 ROWS=20000 bench/results.sh
#   JAVA_OPTS=-Xmx128m bench/results.sh   # JVM flags for every java started (a smaller heap)
# Wall time, the size of run's -o json output (status stays bounded however many items), and the
# peak resident memory of the JVM (the run process, or the results command), from /usr/bin/time -v
# when it is installed, else from /proc/PID/status (VmHWM, sampled until the process ends).
# Needs java 17 and python3; builds the jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/quarkus-app/quarkus-run.jar
ITEMS=${ITEMS:-20000}
ROWS=${ROWS:-100000}
read -r -a JAVA_OPTS <<< "${JAVA_OPTS:-}"
[ -f "$JAR" ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

job() { # name items command-json
  cat > "$work/$1.yaml" <<YAML
apiVersion: paralleljob.io/v1alpha1
kind: ParallelJob
metadata: {name: $1}
spec:
  workload: IOBound
  parallelism: 8
  range: {start: 0, end: $2}
  template:
    command: $3
YAML
}

# measure CMD...: stdout to $work/out; sets WALL (s), CPU (user + system s, children included;
# "?" without /usr/bin/time) and RSS (MiB) of the command's process.
measure() {
  local t0 t1
  t0=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$work/time" "$@" > "$work/out" || true
    RSS=$(awk -F: '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$work/time")
    CPU=$(awk -F: '/User time|System time/ {t += $2} END {printf "%.1f", t}' "$work/time")
  else
    "$@" > "$work/out" &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      [ -n "$v" ] && hwm=$v
      sleep 0.05
    done
    wait "$pid" || true
    RSS=$((hwm / 1024))
    CPU="?"
  fi
  t1=$(date +%s%N)
  WALL=$(python3 -c "print(round(($t1 - $t0) / 1e9, 2))")
}


echo "machine: $(nproc) cores, $(java -version 2>&1 | sed -n 1p), JAVA_OPTS='${JAVA_OPTS[*]}'," \
  "$(uptime | sed 's/.*load average/load average/')"
echo

echo "1. $ITEMS items of true, parallelism 8 (Threads), with and without --results"
job trivial "$ITEMS" '["true"]'
measure java "${JAVA_OPTS[@]}" -jar "$JAR" run "$work/trivial.yaml" -q -o json
echo "   without --results:  wall ${WALL} s, CPU ${CPU} s, peak RSS ${RSS} MiB, -o json $(wc -c < "$work/out") bytes"
measure java "${JAVA_OPTS[@]}" -jar "$JAR" run "$work/trivial.yaml" -q -o json --results "$work/trivial.jsonl"
once=$(python3 - "$work/trivial.jsonl" "$ITEMS" <<'PY'
import json, sys
idx = [json.loads(l)["index"] for l in open(sys.argv[1])]
print("every item exactly once" if sorted(idx) == list(range(int(sys.argv[2]))) else f"NOT once each: {len(idx)} rows")
PY
)
echo "   with --results:     wall ${WALL} s, CPU ${CPU} s, peak RSS ${RSS} MiB, -o json $(wc -c < "$work/out") bytes;" \
  "file $(wc -l < "$work/trivial.jsonl") rows, $(( $(wc -c < "$work/trivial.jsonl") / 1024 )) KiB: $once"
echo

echo "2. $ITEMS items, every 7th failing (sh -c), --results, then results --file --failed"
job sevenths "$ITEMS" '["sh", "-c", "[ $((PJ_ITEM % 7)) -ne 0 ]"]'
measure java "${JAVA_OPTS[@]}" -jar "$JAR" run "$work/sevenths.yaml" -q -o json --results "$work/sevenths.jsonl"
echo "   run:                wall ${WALL} s, CPU ${CPU} s, peak RSS ${RSS} MiB, -o json $(wc -c < "$work/out") bytes"
measure java "${JAVA_OPTS[@]}" -jar "$JAR" results --file "$work/sevenths.jsonl" --failed
echo "   results --failed:   $(wc -l < "$work/out") rows (expected $(( (ITEMS + 6) / 7 ))), wall ${WALL} s"
measure java "${JAVA_OPTS[@]}" -jar "$JAR" run "$work/sevenths.yaml" -q -o json --rerun-failed "$work/sevenths.jsonl"
echo "   --rerun-failed:     $(python3 -c "import json; print(json.load(open('$work/out'))['status']['items']['total'])") items run again, wall ${WALL} s"
echo

echo "3. results --file on $ROWS rows (every 7th failing; 100-byte outputs)"
python3 - "$work/big.jsonl" "$ROWS" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        bad = i % 7 == 0
        f.write(json.dumps({"index": i, "item": str(i), "exitCode": 1 if bad else 0, "output": "x" * 100,
                            "stderrTail": "boom" if bad else None, "startEpochMillis": 1700000000000 + i,
                            "durationMillis": 3, "cpuMillis": 1, "attempts": 1, "shard": 0}) + "\n")
PY
echo "   input: $(( $(wc -c < "$work/big.jsonl") / 1024 / 1024 )) MiB"
for args in "-o jsonl" "--failed" "-o csv" "-o table"; do
  # shellcheck disable=SC2086
  measure java "${JAVA_OPTS[@]}" -jar "$JAR" results --file "$work/big.jsonl" $args
  printf '   %-10s wall %5s s, CPU %4s s, peak RSS %4s MiB, %s lines out\n' "$args" "$WALL" "$CPU" "$RSS" "$(wc -l < "$work/out")"
done
