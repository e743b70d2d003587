#!/usr/bin/env bash
# Benchmarks of local mode (`run`): prints figures, asserts nothing. Run from anywhere:
#   bench/local.sh            # all three
#   REPEAT=5 bench/local.sh   # more repetitions (median is reported)
# Needs java 17, python3, xargs; builds the jar first if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/quarkus-app/quarkus-run.jar
REPEAT=${REPEAT:-3}
CORES=$(nproc)
[ -f "$JAR" ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

job() { # name workload parallelism items-end command-json
  cat > "$work/$1.yaml" <<YAML
apiVersion: paralleljob.io/v1alpha1
kind: ParallelJob
metadata: {name: $1}
spec:
  workload: $2
  parallelism: $3
  range: {start: 0, end: $4}
  template:
    command: $5
YAML
}

# Median wall seconds of a command over $REPEAT runs; the last run's stdout is kept in $work/out.
median_wall() {
  local times=()
  for _ in $(seq "$REPEAT"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" > "$work/out"
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] / 1000}'
}

status() { # field path in the last run's JSON status
  python3 -c "import json,sys; s=json.load(open('$work/out'))['status']; print(eval('s' + sys.argv[1]))" "$1"
}

run() { java -jar "$JAR" run "$work/$1.yaml" -q -o json; }

echo "machine: $CORES cores, $(java -version 2>&1 | sed -n 1p), repeat=$REPEAT (median)"
echo

echo "1. Runner overhead: 2000 trivial items (true), parallelism 8, including JVM start-up"
job trivial IOBound 8 2000 '["true"]'
pj=$(median_wall run trivial); pw=$(status "['timing']['wallMillis']")
xa=$(median_wall sh -c 'seq 2000 | xargs -P 8 -n 1 true')
echo "   run (Threads, 8):         ${pj} s   (status wallMillis ${pw} ms)"
echo "   xargs -P 8 -n 1 true:     ${xa} s"
echo "   ratio run/xargs:          $(python3 -c "print(round($pj / $xa, 2))")   (target <= 2)"
echo

echo "2. CPU-bound speed-up: $((CORES * 4)) items of ~0.4 s pure-Python arithmetic, Pods vs Threads with 1 thread"
burn='["python3", "-c", "x = 0\nfor i in range(6_000_000): x += i * i\nprint(x % 97)"]'
job serial IOBound 1 $((CORES * 4)) "$burn"
job pods CPUBound "$CORES" $((CORES * 4)) "$burn"
s1=$(median_wall run serial); w1=$(status "['timing']['wallMillis']")
sp=$(median_wall run pods); wp=$(status "['timing']['wallMillis']"); su=$(status "['timing']['speedup']")
echo "   Threads, 1 thread:        ${s1} s   (wall of items ${w1} ms)"
echo "   Pods, $CORES processes:        ${sp} s   (wall of items ${wp} ms, status speedup ${su})"
echo "   speed-up end to end:      $(python3 -c "print(round($s1 / $sp, 2))")   (target >= $(python3 -c "print(0.8 * $CORES)"))"
echo "   speed-up of item wall:    $(python3 -c "print(round($w1 / $wp, 2))")"
echo

echo "3. I/O-bound speed-up: 32 items that wait 0.5 s each"
nap='["sh", "-c", "sleep 0.5; echo $PJ_ITEM"]'
job nap1 IOBound 1 32 "$nap"
job nap8 IOBound 8 32 "$nap"
t1=$(median_wall run nap1); n1=$(status "['timing']['wallMillis']")
t8=$(median_wall run nap8); n8=$(status "['timing']['wallMillis']"); s8=$(status "['timing']['speedup']")
echo "   Threads, 1 thread:        ${t1} s   (wall of items ${n1} ms)"
echo "   Threads, 8 threads:       ${t8} s   (wall of items ${n8} ms, status speedup ${s8})"
echo "   speed-up end to end:      $(python3 -c "print(round($t1 / $t8, 2))")   (target >= 6.4)"
echo "   speed-up of item wall:    $(python3 -c "print(round($n1 / $n8, 2))")"
echo

echo "4. The GIL lesson: the CPU-bound job as Threads in one process vs Pods (cores: $CORES)"
job cputhreads CPUBound "$CORES" $((CORES * 4)) "$burn"
sed -i 's/workload: CPUBound/workload: IOBound/' "$work/cputhreads.yaml"
tt=$(median_wall run cputhreads)
echo "   Threads, $CORES threads:       ${tt} s   vs Pods ${sp} s: each item is its own python process, so"
echo "   threads scale on a laptop too; in a cluster the threads of one pod share that pod's CPU limit,"
echo "   which is what Pods avoids."
echo
echo "5. Start-up: a one-item job (true), end to end"
job one IOBound 1 1 '["true"]'
echo "   run, 1 item:              $(median_wall run one) s"
