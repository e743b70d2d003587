package io.paralleljob.runner;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time the items' processes spent runnable but waiting for a CPU, from the kernel's schedstat.
 * One thread for the whole runner samples every running item's process tree
 * ({@link ProcessTreeWait}) every {@value #INTERVAL_MILLIS} ms, and each item takes a last sample
 * itself when its output closes, which is when its process is exiting.
 *
 * <p>Cost: a pass re-reads two small /proc files per task (kept open, one pread each). Measured
 * on the 2-core build machine (a virtual machine): 2.5 µs a process in a tight loop, 8 µs with
 * the pauses of real sampling (caches gone cold), 20-35 µs in a run's first seconds, before the
 * JIT has compiled the sampler; 16 items in flight cost about 2% of one core. The pause between
 * passes is at least {@value #COST_SHARE} times the pass's own CPU time, so however many items
 * are in flight sampling costs at most 2.5% of one core; with hundreds of processes, resolution
 * gets coarser instead.
 *
 * <p>Resolution: a task's wait in its last interval before it exits is missed, and so are tasks
 * that start and end between two passes. Item processes themselves are read when they start and
 * when their output closes, so it is their short-lived descendants that can go unseen: a pyenv
 * shim, for one, runs about 40 processes of a few ms each before python starts, and on a heavily
 * contended CPU much of their wait is missed (it then counts as blocked time).
 */
public final class CpuWaitSampler {
    static final long INTERVAL_MILLIS = 10;
    static final int COST_SHARE = 40;
    /** -Dparalleljob.cpuwait.stats=true prints what sampling cost on stderr at exit (bench/timing.sh uses it). */
    public static final String STATS_PROPERTY = "paralleljob.cpuwait.stats";
    private static final CpuWaitSampler SHARED = new CpuWaitSampler();

    private final boolean available;
    private final boolean childrenFiles;
    private final Set<ProcessTreeWait> trees = ConcurrentHashMap.newKeySet();
    private final Object wakeUp = new Object();
    private Thread thread;
    private volatile long passes;
    private volatile long processReads;

    /** One sampler per process, like the CPU clock: one thread, whatever the number of items. */
    public static CpuWaitSampler shared() {
        return SHARED;
    }

    private CpuWaitSampler() {
        if (Boolean.getBoolean(STATS_PROPERTY)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.err.println(cost()), "pj-cpu-wait-stats"));
        }
        long self = ProcessHandle.current().pid();
        available = new File("/proc/self/schedstat").canRead() && new File("/proc/" + self + "/task").isDirectory()
                && schedstatParses();
        childrenFiles = new File("/proc/" + self + "/task/" + self + "/children").canRead();
    }

    private static boolean schedstatParses() {
        ReadBuffer b = new ReadBuffer();
        try (ProcFile f = new ProcFile("/proc/self/schedstat")) {
            return f.read(b) && b.number(1) >= 0;
        }
    }

    /** False where the kernel offers no schedstat (not Linux, or built without it): wait is then not measured. */
    public boolean available() {
        return available;
    }

    /** Starts following a just-started item process and its descendants; null when not {@link #available()}. */
    ProcessTreeWait track(long pid) {
        if (!available) {
            return null;
        }
        ProcessTreeWait tree = new ProcessTreeWait(pid, childrenFiles);
        tree.sample();
        trees.add(tree);
        synchronized (wakeUp) {
            if (thread == null) {
                thread = new Thread(this::loop, "pj-cpu-wait");
                thread.setDaemon(true);
                thread.start();
            }
            wakeUp.notifyAll();
        }
        return tree;
    }

    /**
     * What one attempt's process tree did, in milliseconds: the wait the samples saw, and the CPU
     * time of the tasks they saw (less than the tree's exact CPU when short-lived tasks went unseen).
     */
    record TreeTimes(long waitMillis, long seenCpuMillis) {
    }

    /** The item's process has ended: a last sample, and the tree's totals. */
    TreeTimes finish(ProcessTreeWait tree) {
        trees.remove(tree);
        long wait = tree.stop();
        return new TreeTimes(Math.round(wait / 1e6), Math.round(tree.seenRunNanos() / 1e6));
    }

    private void loop() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuClock = mx.isCurrentThreadCpuTimeSupported();
        while (true) {
            synchronized (wakeUp) {
                while (trees.isEmpty()) {
                    try {
                        wakeUp.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            long t0 = cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime();
            long reads = 0;
            for (ProcessTreeWait tree : trees) {
                tree.sample();
                reads += tree.processes();
            }
            long cost = (cpuClock ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - t0;
            passes++;
            processReads += reads;
            LockSupport.parkNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS), cost * COST_SHARE));
        }
    }

    /** What sampling has cost this process so far: for benchmarks and tests. */
    public Cost cost() {
        Thread t;
        synchronized (wakeUp) {
            t = thread;
        }
        long cpu = t == null ? 0 : ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
        return new Cost(passes, processReads, Math.max(0, cpu));
    }

    /**
     * @param passes       sampling passes made
     * @param processReads processes read over all passes
     * @param cpuNanos     CPU time of the sampler thread
     */
    public record Cost(long passes, long processReads, long cpuNanos) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "cpu-wait sampler: %d passes, %d process reads, %.1f ms CPU (%.1f us a process read)", passes,
                    processReads, cpuNanos / 1e6, processReads == 0 ? 0 : cpuNanos / 1e3 / processReads);
        }
    }
}
