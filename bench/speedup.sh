#!/usr/bin/env bash
# Speed-up tables for docs/benchmarks.md: prints figures, asserts nothing. Run from anywhere:
#   bench/speedup.sh                 # every table, REPEAT=3 (median)
#   REPEAT=1 PARS="1 2 8" bench/speedup.sh cpu io   # some tables, fewer runs
# Tables: cpu (CPU-bound, Pods vs Threads), io (I/O-bound, Threads vs Pods), stream (PerItem vs
# Stream, STREAM_ITEMS=200 python items, at every PARS parallelism), overhead (2000 `true` items vs
# xargs -P 8, and a 1-item job).
# "measured" is wall(parallelism 1) / wall(parallelism p), both from status.timing.wallMillis
# (first item start to last item end, JVM start-up excluded), beside the speedup the job reported.
# Uses hyperfine for whole-command timings when it is installed, else the median of REPEAT runs.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/quarkus-app/quarkus-run.jar
[ -f "$JAR" ] || mvn -B -q package -DskipTests
exec python3 - "$JAR" "$@" <<'PY'
import json, os, shutil, statistics, subprocess, sys, tempfile, time

jar, tables = sys.argv[1], sys.argv[2:] or ["cpu", "io", "stream", "overhead"]
repeat = int(os.environ.get("REPEAT", "3"))
pars = [int(p) for p in os.environ.get("PARS", "1 2 4 8 16").split()]
work = tempfile.mkdtemp()
# PerItem starts a python per item (about 60 ms of CPU each here): 200 keep the table to about a minute.
STREAM_ITEMS = int(os.environ.get("STREAM_ITEMS", "200"))
BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.2: pass"

def job(name, workload, parallelism, end, command, delivery="PerItem"):
    path = os.path.join(work, name + ".yaml")
    with open(path, "w") as f:
        f.write(f"apiVersion: paralleljob.io/v1alpha1\nkind: ParallelJob\nmetadata: {{name: {name}}}\n"
                f"spec:\n  workload: {workload}\n  delivery: {delivery}\n  parallelism: {parallelism}\n"
                f"  range: {{start: 0, end: {end}}}\n  template:\n    command: {json.dumps(command)}\n")
    return path

def timed(argv):
    t0 = time.monotonic()
    out = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    return time.monotonic() - t0, out

def run_job(path):
    """Median over REPEAT runs: process wall (s), status wallMillis, status speedup, peak of nothing."""
    runs = []
    for _ in range(repeat):
        wall, out = timed(["java", "-jar", jar, "run", path, "-q", "-o", "json"])
        t = json.loads(out)["status"]["timing"]
        runs.append((wall, t["wallMillis"], t.get("speedup"), t.get("cpuWaitMillis")))
    runs.sort(key=lambda r: r[1])
    return runs[len(runs) // 2]

def whole(argv):
    if shutil.which("hyperfine"):
        res = os.path.join(work, "h.json")
        subprocess.run(["hyperfine", "-N", "-w", "1", "-r", str(max(repeat, 3)), "--export-json", res,
                        "-o", "null", "--", " ".join(argv)], stdout=subprocess.DEVNULL, check=True)
        return json.load(open(res))["results"][0]["median"]
    return statistics.median(timed(argv)[0] for _ in range(repeat))

def table(title, items, variants):
    """variants: (label, workload, delivery, command) columns; one row per parallelism in PARS."""
    print(f"\n{title}")
    print(f"measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average at each row's end in the last column")
    print("| parallelism | " + " | ".join(f"{v[0]} wall ms | {v[0]} measured | {v[0]} reported" for v in variants)
          + " | load |")
    print("|---|" + "---|---|---|" * len(variants) + "---|")
    base = {}
    for p in pars:
        cells = []
        for label, wl, delivery, command in variants:
            name = "".join(c for c in label.lower() if c.isalnum())
            _, wall, speedup, _ = run_job(job(f"{name}-{p}", wl, p, items, command, delivery))
            base.setdefault(label, wall)
            cells.append(f"{wall} | {base[label] / wall:.2f} | {speedup}")
        print(f"| {p} | " + " | ".join(cells) + f" | {os.getloadavg()[0]:.1f} |", flush=True)

def strategies(command, names):
    return [(s, "CPUBound" if s == "Pods" else "IOBound", "PerItem", command) for s in names]

print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}, repeat={repeat} (median)")
if "cpu" in tables:
    table("CPU-bound: 32 items of 0.2 s CPU (python)", 32, strategies(["python3", "-c", BURN], ["Pods", "Threads"]))
if "io" in tables:
    table("I/O-bound: 32 items sleeping 0.5 s", 32, strategies(["sleep", "0.5"], ["Threads", "Pods"]))
if "stream" in tables:
    per = "import os; print(int(os.environ['PJ_ITEM']) ** 2)"
    stream = "import sys\nfor line in sys.stdin:\n    print(int(line) ** 2, flush=True)"
    table(f"PerItem vs Stream: {STREAM_ITEMS} python items (square a number), Threads", STREAM_ITEMS,
          [("PerItem", "IOBound", "PerItem", ["python3", "-c", per]),
           ("Stream", "IOBound", "Stream", ["python3", "-c", stream])])
    print("| multiprocessing.Pool(2), whole command | %.2f s | | | | | | |" % whole(["python3", "-c",
        f"from multiprocessing import Pool\nwith Pool(2) as p: p.map(abs, range({STREAM_ITEMS}))"]))
if "overhead" in tables:
    print("\nRunner overhead, JVM start-up included")
    trivial = job("trivial", "IOBound", 8, 2000, ["true"])
    one = job("one", "IOBound", 1, 1, ["true"])
    pj_script = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(jar))), "..", "scripts", "pj")
    subprocess.run([pj_script, "run", one, "-q"], stdout=subprocess.DEVNULL)  # its archive, made once per build
    xa = whole(["sh", "-c", "seq 2000 | xargs -P 8 -n 1 true"])
    for name, cli in (("java -jar", ["java", "-jar", jar]), ("scripts/pj", [pj_script])):
        pj = whole(cli + ["run", trivial, "-q", "-o", "json"])
        print(f"| 2000 x true, parallelism 8 | {name} {pj:.2f} s | xargs -P 8 {xa:.2f} s | ratio {pj / xa:.2f} |")
        rss = []
        for _ in range(repeat):
            r = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cli + ["run", one, "-q", "-o", "json"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            e, m = r.stderr.strip().splitlines()[-1].split()
            rss.append((float(e), int(m) / 1024))
        rss.sort()
        print(f"| 1-item job | {name} wall {rss[len(rss) // 2][0]:.2f} s | peak RSS {rss[len(rss) // 2][1]:.0f} MiB | |",
              flush=True)
shutil.rmtree(work)
PY
