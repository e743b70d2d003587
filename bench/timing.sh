#!/usr/bin/env bash
# Checks that status.timing tells the truth, with real items: prints every case's figures beside
# its target and PASS or MISS. Run from anywhere:
#   bench/timing.sh
# Needs java 17, python3 (the workloads and a slow HTTP server), curl and taskset; the 0.5-CPU case
# also needs a writable cgroup v1 CPU controller at /sys/fs/cgroup/cpu (root), and is skipped
# without one. Builds the jar first if it is missing. Exit code 0 whatever the results: the table
# is the output.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/quarkus-app/quarkus-run.jar
CGROOT=/sys/fs/cgroup/cpu
[ -f "$JAR" ] || mvn -B -q package -DskipTests
for tool in java python3 curl taskset; do
  command -v "$tool" >/dev/null || { echo "timing.sh: needs $tool" >&2; exit 2; }
done
work=$(mktemp -d)
server=
cgroup=
cleanup() {
  [ -z "$server" ] || kill "$server" 2>/dev/null || true
  if [ -n "$cgroup" ] && [ -d "$cgroup" ]; then
    while read -r pid; do echo "$pid" > "$CGROOT/cgroup.procs" 2>/dev/null || true; done < "$cgroup/cgroup.procs"
    rmdir "$cgroup" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# python3 itself, not a launcher in front of it: a pyenv shim runs ~40 short processes before
# python starts, whose waits on a contended CPU are partly missed (README, "Reading the timing").
PY=$(python3 -c 'import sys; print(sys.executable)')
BURN='x = 0\nfor i in range(3_000_000): x += i\nprint(x % 97)'

job() { # name workload parallelism items command-json
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

# run NAME [PREFIX...]: the run command on job NAME (behind PREFIX, e.g. taskset -c 0), its status
# in $work/NAME.json, its stderr (progress, sampler cost) in $work/NAME.err, wall seconds in $work/NAME.wall
run() {
  local name=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  "$@" java -Dparalleljob.cpuwait.stats=true -jar "$JAR" run "$work/$name.yaml" -o json \
    > "$work/$name.json" 2> "$work/$name.err" || true
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 ))" > "$work/$name.wall"
}

fig() { # name field: a timing field, or CPUStarved (True/False/absent)
  python3 - "$work/$1.json" "$2" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["status"]
f = sys.argv[2]
if f == "CPUStarved":
    print(next((c["status"] for c in s.get("conditions", []) if c["type"] == "CPUStarved"), "absent"))
else:
    print(s["timing"][f])
PY
}

row() { # case figure target-op target measured
  local verdict
  verdict=$(python3 - "$3" "$4" "$5" <<'PY'
import sys
op, target, value = sys.argv[1:]
if op == "is":
    ok = value == target
elif op == "not":
    ok = value != target
else:
    v, t = float(value), float(target)
    ok = {"<=": v <= t, ">=": v >= t}[op]
print("PASS" if ok else "MISS")
PY
)
  local target_text="$3 $4"
  [ "$3" = "is" ] && target_text="$4"
  [ "$3" = "not" ] && target_text="not $4"
  printf '%-50s %-15s %-9s %-9s %s\n' "$1" "$2" "$target_text" "$5" "$verdict"
}

context() { # name: what else the status says, and what sampling cost
  printf '%-50s %s\n' "" "$(python3 - "$work/$1.json" "$(cat "$work/$1.wall")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["status"]
t = s["timing"]
print(f"(wall {t['wallMillis']} ms, items {t['itemMillisSum']} ms, cpu {t['cpuMillis']} ms, "
      f"cpu wait {t.get('cpuWaitMillis')} ms, serial {t['serialMillis']} ms, concurrency {t['concurrency']}; "
      f"end to end {int(sys.argv[2]) / 1000:.2f} s)")
PY
)"
  local cost
  cost=$(grep -h 'cpu-wait sampler' "$work/$1.err" || true)
  [ -z "$cost" ] || printf '%-50s %s\n' "" "($cost)"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | sed -n 1p), python $PY"
printf '%-50s %-15s %-9s %-9s %s\n' "case" "figure" "target" "measured" "result"

burn="[\"$PY\", \"-c\", \"$BURN\"]"
job pinned IOBound 8 8 "$burn"
run pinned taskset -c 0
A="A. 8 CPU-bound, Threads 8, taskset -c 0"
row "$A" speedup "<=" 1.3 "$(fig pinned speedup)"
row "$A" cpuUtilization ">=" 0.7 "$(fig pinned cpuUtilization)"
row "$A" CPUStarved is True "$(fig pinned CPUStarved)"
context pinned

B="B. 8 CPU-bound, Threads 8, 0.5-CPU cgroup"
if [ -w "$CGROOT/cgroup.procs" ] && mkdir "$CGROOT/pj-bench-$$" 2>/dev/null; then
  cgroup="$CGROOT/pj-bench-$$"
  echo 100000 > "$cgroup/cpu.cfs_period_us"
  echo 50000 > "$cgroup/cpu.cfs_quota_us"
  job halfcpu IOBound 8 8 "$burn"
  # the whole run (JVM and items) inside the cgroup, as in a pod limited to 500m
  run halfcpu sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cgroup"
  row "$B" speedup "<=" 1.3 "$(fig halfcpu speedup)"
  row "$B" cpuUtilization ">=" 0.7 "$(fig halfcpu cpuUtilization)"
  row "$B" CPUStarved is True "$(fig halfcpu CPUStarved)"
  context halfcpu
else
  printf '%-50s %s\n' "$B" "SKIPPED: $CGROOT is not a writable cgroup v1 CPU controller"
fi

# A server whose every answer takes 0.6 s; items fetch it with curl.
cat > "$work/slow.py" <<'PY'
import http.server, sys, time
class Slow(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.6)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok\n")
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 64  # 16 connections at once: the default backlog of 5 would drop some
s = Server(("127.0.0.1", 0), Slow)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
python3 "$work/slow.py" > "$work/port" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
job fetch IOBound 16 16 "[\"curl\", \"-sf\", \"http://127.0.0.1:$port/\"]"
run fetch
C="C. 16 items waiting 0.6 s on a server, Threads 16"
row "$C" speedup ">=" 12 "$(fig fetch speedup)"
row "$C" cpuUtilization "<=" 0.2 "$(fig fetch cpuUtilization)"
row "$C" CPUStarved not True "$(fig fetch CPUStarved)"
context fetch

job serial CPUBound 1 8 "$burn"
job parallel CPUBound 2 8 "$burn"
run serial
run parallel
measured=$(python3 -c "print(round($(fig serial wallMillis) / $(fig parallel wallMillis), 2))")
speedup=$(fig parallel speedup)
D="D. 8 CPU-bound, Pods 2 vs Pods 1"
printf '%-50s %-15s %-9s %-9s %s\n' "$D" "serial/parallel" "-" "$measured" "(item wall $(fig serial wallMillis) ms / $(fig parallel wallMillis) ms)"
waited=$(python3 -c "print(round($(fig serial cpuWaitMillis) / $(fig serial itemMillisSum), 2))")
printf '%-50s %-15s %-9s %-9s %s\n' "" "serial waited" "-" "$waited" "(share of the serial run's time spent waiting for a CPU: above ~0.05 the machine was busy, and its wall is no serial baseline)"
row "$D" "speedup/ratio" "<=" 1.2 "$(python3 -c "print(round($speedup / $measured, 2))")"
row "$D" "speedup/ratio" ">=" 0.8 "$(python3 -c "print(round($speedup / $measured, 2))")"
context parallel

# Auto and local Pods at no extra cost: end-to-end wall of the run command (JVM start included),
# median of 3 runs each, against the explicit workload that is right for the items.
median_wall() { # name: runs it three times, prints the median end-to-end seconds
  local walls=()
  for _ in 1 2 3; do
    run "$1"
    walls+=("$(cat "$work/$1.wall")")
  done
  python3 -c "import sys; w = sorted(int(x) for x in sys.argv[1:]); print(w[1] / 1000)" "${walls[@]}"
}
QUARTER='import time\nt = time.process_time()\nwhile time.process_time() - t < 0.25: pass'
quarter="[\"$PY\", \"-c\", \"$QUARTER\"]"

job io_auto Auto 16 16 "[\"curl\", \"-sf\", \"http://127.0.0.1:$port/\"]"
job io_declared IOBound 16 16 "[\"curl\", \"-sf\", \"http://127.0.0.1:$port/\"]"
auto=$(median_wall io_auto)
declared=$(median_wall io_declared)
E="E. Auto vs IOBound: 16 items waiting 0.6 s, 16"
row "$E" "Auto/IOBound" "<=" 1.15 "$(python3 -c "print(round($auto / $declared, 2))")"
printf '%-50s %s\n' "" "(end to end: Auto $auto s, IOBound $declared s; Auto chose $(python3 -c "import json; print(json.load(open('$work/io_auto.json'))['status']['strategy'])"))"
row "$E" "Auto's choice" is Threads "$(python3 -c "import json; print(json.load(open('$work/io_auto.json'))['status']['strategy'])")"

job cpu_auto Auto 4 8 "$quarter"
job cpu_declared CPUBound 4 8 "$quarter"
auto=$(median_wall cpu_auto)
declared=$(median_wall cpu_declared)
F="F. Auto vs CPUBound: 8 items of 0.25 s CPU, 4"
row "$F" "Auto/CPUBound" "<=" 1.15 "$(python3 -c "print(round($auto / $declared, 2))")"
printf '%-50s %s\n' "" "(end to end: Auto $auto s, CPUBound $declared s)"
row "$F" "Auto's choice" is Pods "$(python3 -c "import json; print(json.load(open('$work/cpu_auto.json'))['status']['strategy'])")"

job cpu_threads IOBound 4 8 "$quarter"
threads=$(median_wall cpu_threads)
G="G. local CPUBound vs IOBound on CPU-bound items"
row "$G" "Pods/Threads" "<=" 1.1 "$(python3 -c "print(round($declared / $threads, 2))")"
printf '%-50s %s\n' "" "(end to end: CPUBound $declared s, IOBound $threads s)"
