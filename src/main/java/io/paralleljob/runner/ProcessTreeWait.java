package io.paralleljob.runner;

import java.io.File;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Run-queue wait of one item attempt's process tree: the item's process, its children and
 * grandchildren, every thread of each. The kernel keeps the figure per task
 * (/proc/PID/task/TID/schedstat, second field, ns; /proc/PID/schedstat is the main thread's alone)
 * and drops it when the task is reaped; nothing adds it to the parent, as cutime does for CPU. So
 * every {@link #sample()} reads each live task's counter and keeps the last value seen: a task
 * that has exited keeps counting with the value it had at the last sample before it went.
 *
 * <p>What this misses: a task's wait after the last sample before it exited (at most one sampling
 * interval's worth), and tasks that start and exit between two samples. Both count as blocked
 * time in the three-way split, never as CPU time.
 *
 * <p>Samples come from the shared sampler thread and, at the item's end, from the item's own
 * thread; they are serialized here.
 */
final class ProcessTreeWait {
    private static final int SCHEDSTAT_RUN_TIME = 0;
    private static final int SCHEDSTAT_RUN_DELAY = 1;
    /**
     * A process's threads are listed every this many samples: most item processes have one
     * thread, and listing costs as much as all the other reads together.
     * A thread that lives less than this many intervals can be missed.
     */
    static final int LIST_THREADS_EVERY = 10;

    private final Map<Integer, Proc> procs = new HashMap<>();
    private final ReadBuffer buf = new ReadBuffer();
    private final boolean childrenFiles;
    private final int root;
    private long retiredNanos;
    /** CPU time of the tasks the samples saw (schedstat's first field): what it leaves out, it did not see. */
    private long retiredRunNanos;
    private boolean stopped;

    ProcessTreeWait(long rootPid, boolean childrenFiles) {
        this.root = (int) rootPid;
        this.childrenFiles = childrenFiles;
        procs.put(root, new Proc(root));
    }

    /** Reads every live task of the tree once; new children join, exited tasks keep their last value. */
    synchronized void sample() {
        if (stopped) {
            return;
        }
        ArrayDeque<Integer> found = new ArrayDeque<>();
        for (Iterator<Proc> it = procs.values().iterator(); it.hasNext(); ) {
            Proc p = it.next();
            if (!p.refresh(found)) {
                it.remove();
            }
        }
        if (!childrenFiles) {
            descendantsByScan(found);
        }
        while (!found.isEmpty()) {
            int pid = found.poll();
            if (!procs.containsKey(pid)) {
                Proc p = new Proc(pid);
                procs.put(pid, p);
                if (!p.refresh(found)) {
                    procs.remove(pid);
                }
            }
        }
    }

    /** Kernels without /proc/PID/task/TID/children: Java's scan of every process (slower, same answer). */
    private void descendantsByScan(ArrayDeque<Integer> found) {
        ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> found.add((int) d.pid())));
    }

    /** A last sample, then the total; the tree's files are closed and later samples do nothing. */
    synchronized long stop() {
        sample();
        stopped = true;
        for (Proc p : procs.values()) {
            p.retire();
        }
        procs.clear();
        return retiredNanos;
    }

    /** CPU time of the tasks the samples saw, in nanoseconds; valid after {@link #stop()}. */
    synchronized long seenRunNanos() {
        return retiredRunNanos;
    }

    /** Wait seen so far, in nanoseconds. */
    synchronized long totalNanos() {
        long live = 0;
        for (Proc p : procs.values()) {
            for (Task t : p.tasks.values()) {
                live += t.lastNanos;
            }
        }
        return retiredNanos + live;
    }

    /** Processes currently followed (for tests and cost figures). */
    synchronized int processes() {
        return procs.size();
    }

    private final class Proc {
        final int pid;
        final Map<Integer, Task> tasks = new HashMap<>();
        int samples;

        Proc(int pid) {
            this.pid = pid;
            // The main thread's TID is the PID; other threads are found by listing.
            tasks.put(pid, new Task(pid, pid));
        }

        /** False when the process is gone (its tasks' last values are kept). */
        boolean refresh(ArrayDeque<Integer> found) {
            // A new process has one thread (fork and exec leave one): more can only appear later.
            if (++samples % LIST_THREADS_EVERY == 0 && !listTasks()) {
                retire();
                return false;
            }
            for (Iterator<Task> it = tasks.values().iterator(); it.hasNext(); ) {
                Task t = it.next();
                if (!t.refresh(found)) {
                    retiredNanos += t.lastNanos;
                    retiredRunNanos += t.lastRunNanos;
                    t.close();
                    it.remove();
                }
            }
            return !tasks.isEmpty();
        }

        /** False when the process is gone. */
        private boolean listTasks() {
            String[] tids = new File("/proc/" + pid + "/task").list();
            if (tids == null) {
                return false;
            }
            for (String name : tids) {
                try {
                    int tid = Integer.parseInt(name);
                    tasks.computeIfAbsent(tid, k -> new Task(pid, k));
                } catch (NumberFormatException ignored) {
                    // not a task directory
                }
            }
            return true;
        }

        void retire() {
            for (Task t : tasks.values()) {
                retiredNanos += t.lastNanos;
                retiredRunNanos += t.lastRunNanos;
                t.close();
            }
            tasks.clear();
        }
    }

    private final class Task {
        final ProcFile schedstat;
        final ProcFile children;
        long lastNanos;
        long lastRunNanos;

        Task(int pid, int tid) {
            String dir = "/proc/" + pid + "/task/" + tid + "/";
            schedstat = new ProcFile(dir + "schedstat");
            children = childrenFiles ? new ProcFile(dir + "children") : null;
        }

        boolean refresh(ArrayDeque<Integer> found) {
            if (!schedstat.read(buf)) {
                return false;
            }
            long delay = buf.number(SCHEDSTAT_RUN_DELAY);
            long run = buf.number(SCHEDSTAT_RUN_TIME);
            if (delay >= 0) {
                if (delay < lastNanos) {
                    // Read by path and the TID was reused by a new task: the old one's wait stays counted.
                    retiredNanos += lastNanos;
                    retiredRunNanos += lastRunNanos;
                }
                lastNanos = delay;
                lastRunNanos = Math.max(0, run);
            }
            if (children != null && children.read(buf)) {
                buf.eachNumber(found::add);
            }
            return true;
        }

        void close() {
            schedstat.close();
            if (children != null) {
                children.close();
            }
        }
    }
}
