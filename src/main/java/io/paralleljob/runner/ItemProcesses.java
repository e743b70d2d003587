package io.paralleljob.runner;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every item process this JVM starts, and the stop that takes them all down. Each one gets
 * {@value #MARKER}={@link #RUN_ID} in its environment, so the stop (and a test) finds its whole
 * tree even where a child outlived its item and was reparented to PID 1. No process started for
 * an item outlives the JVM: a shutdown hook, registered with the first start, stops them on any
 * exit (end of the run, a signal, a pod's SIGTERM), as a pod's end takes its container's processes.
 */
public final class ItemProcesses {
    public static final String MARKER = "PJ_RUN_ID";
    /** This JVM's run: unique, so a stop never touches another run's processes. */
    public static final String RUN_ID = UUID.randomUUID().toString();
    /** How long an exit waits, at most, for the items' processes to be gone. */
    public static final long STOP_MILLIS = 2_000;

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private ItemProcesses() {
    }

    /** Starts an item's process, marked and registered; refused once the process is stopping. */
    static Process start(ProcessBuilder pb) throws IOException, InterruptedException {
        hookOnce();
        pb.environment().put(MARKER, RUN_ID);
        return Shutdown.unlessStopping(() -> {
            Process p = pb.start();
            LIVE.add(p);
            return p;
        });
    }

    /** The item's process has been waited for. */
    static void ended(Process p) {
        LIVE.remove(p);
    }

    /**
     * Closes the gate ({@link Shutdown#begin}), kills every item process and its descendants, and
     * sweeps for marked processes until none is left, for {@code maxMillis} at most. Several
     * callers (two shutdown hooks) each return once the stop is complete or out of time.
     *
     * @return true when no marked process is left
     */
    public static synchronized boolean stopAll(long maxMillis) {
        Shutdown.begin();
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        // One scan of the process table for every tree still attached (a child that cleared its
        // environment included), not one per item: listing an item's descendants scans it all, and
        // a thousand items in flight would take seconds. The marker then finds the rest (children
        // reparented to PID 1 before the stop, forks since the scan).
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        LIVE.forEach(Process::destroyForcibly);
        while (true) {
            List<Long> left = MarkedProcesses.find(MARKER, RUN_ID);
            if (left.isEmpty()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            pause();
        }
    }

    static void killTree(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }

    private static void hookOnce() {
        if (hooked) {
            return;
        }
        synchronized (ItemProcesses.class) {
            if (!hooked) {
                try {
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(STOP_MILLIS), "pj-stop-items"));
                } catch (IllegalStateException exiting) {
                    Shutdown.begin(); // too late for a hook to stop this child: do not start it
                }
                hooked = true;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
