package io.paralleljob.runner;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one item's command as a child process, retrying a non-zero exit, and measures it. */
final class ItemExecutor implements ItemSlot {
    private static final File DEV_NULL = new File("/dev/null");
    /** Drains children's stderr while the item's own thread reads stdout, so neither pipe fills. */
    private static final ExecutorService STDERR_DRAINS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pj-stderr");
        t.setDaemon(true);
        return t;
    });

    /** Kills items that outlive spec.itemTimeoutSeconds. */
    static final java.util.concurrent.ScheduledExecutorService TIMEOUTS =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pj-item-timeout");
                t.setDaemon(true);
                return t;
            });

    private final CommandTemplate command;
    private final int retries;
    private final java.util.Set<Process> live = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private final ChildCpuClock clock = ChildCpuClock.shared();
    private final CpuWaitSampler waits = CpuWaitSampler.shared();

    ItemExecutor(CommandTemplate command, int retries) {
        this.command = command;
        this.retries = retries;
    }

    @Override
    public ItemRun run(WorkItem item, Integer shard) throws InterruptedException {
        long startEpoch = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Attempt last = null;
        Long cpu = clock.available() ? 0L : null;
        Long cpuWait = waits.available() ? 0L : null;
        Long unseenWait = waits.available() ? 0L : null;
        int attempts = 0;
        while (attempts <= retries) {
            attempts++;
            last = runOnce(item);
            if (cpu != null && last.cpuMillis() != null) {
                cpu += last.cpuMillis();
            }
            if (cpuWait != null && last.cpuWaitMillis() != null) {
                cpuWait += last.cpuWaitMillis();
                unseenWait += last.unseenWaitMillis();
            }
            // A command that cannot start will not start on a second try either (a timed-out one may finish).
            if (last.exitCode() == null || last.exitCode() == 0) {
                break;
            }
        }
        long duration = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = last.exitCode() != null && last.exitCode() == 0;
        return new ItemRun(item.index(), item.value(), last.exitCode(), last.output(),
                ok ? null : emptyToNull(last.stderrTail()), last.error(), startEpoch, duration, cpu, attempts, shard,
                cpuWait, unseenWait);
    }

    private Attempt runOnce(WorkItem item) throws InterruptedException {
        clock.begin();
        try {
            return measuredRun(item);
        } finally {
            clock.end();
        }
    }

    private Attempt measuredRun(WorkItem item) throws InterruptedException {
        checkNotStopping();
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().putAll(command.env());
        pb.environment().put("PJ_ITEM", item.value());
        pb.environment().put("PJ_ITEM_INDEX", Integer.toString(item.index()));
        if (command.workingDir() != null) {
            pb.directory(new File(command.workingDir()));
        }
        if (DEV_NULL.exists()) {
            pb.redirectInput(DEV_NULL); // an item that reads stdin gets EOF instead of hanging
        }
        Process process;
        try {
            process = ItemProcesses.start(pb);
            live.add(process);
        } catch (IOException e) {
            return new Attempt(null, "", "", ItemRun.CANNOT_START + command.argv().get(0) + ": " + rootMessage(e), null,
                    null, 0);
        }
        ProcessTreeWait wait = waits.track(process.pid());
        try {
            return followedRun(process, wait);
        } finally {
            if (wait != null) {
                waits.finish(wait); // idempotent: already finished on the normal path
            }
        }
    }

    private Attempt followedRun(Process process, ProcessTreeWait wait) throws InterruptedException {
        if (Shutdown.started() || cancelled) {
            // A cancel (deadline) came while this child was starting, after its kill pass: kill it here.
            // After a signal it is dead already: the stop kills every start the gate let finish.
            ItemProcesses.killTree(process.toHandle());
            live.remove(process);
            ItemProcesses.ended(process);
            checkNotStopping();
        }
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> watchdog = command.timeoutSeconds() == null ? null
                : TIMEOUTS.schedule(() -> {
                    timedOut.set(true);
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }, command.timeoutSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        Future<String> stderr = STDERR_DRAINS.submit(
                () -> BoundedText.tail(process.getErrorStream(), BoundedText.STDERR_TAIL_LIMIT));
        String stdout;
        try {
            stdout = BoundedText.head(process.getInputStream(), BoundedText.OUTPUT_LIMIT);
        } catch (IOException e) {
            stdout = "";
        }
        if (wait != null) {
            // Output closes as the process exits, before Java reaps it and its schedstat is gone.
            wait.sample();
        }
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        } finally {
            live.remove(process);
            ItemProcesses.ended(process);
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
        checkNotStopping(); // killed by our own stop: unfinished, not failed
        Long cpu = clock.takeDelta();
        CpuWaitSampler.TreeTimes tree = wait == null ? null : waits.finish(wait);
        Long cpuWait = tree == null ? null : tree.waitMillis();
        String tail;
        try {
            tail = stderr.get();
        } catch (ExecutionException e) {
            tail = "";
        }
        String error = timedOut.get() && exit != 0 ? "timed out after " + command.timeoutSeconds() + " s (killed)" : null;
        return new Attempt(exit, stdout, tail, error, cpu, cpuWait, unseenWaitMillis(cpu, tree));
    }

    /**
     * Tasks that start and end between two samples (a pyenv shim runs dozens of few-ms processes
     * before python starts) leave their CPU in the exact figure but their wait unseen. They waited,
     * per millisecond of CPU, about as the tasks that were seen did: that ratio times their CPU is
     * an estimate, used by Auto's decision only and never reported as measured wait.
     */
    private static long unseenWaitMillis(Long cpu, CpuWaitSampler.TreeTimes tree) {
        if (cpu == null || tree == null || tree.seenCpuMillis() <= 0 || cpu <= tree.seenCpuMillis()) {
            return 0;
        }
        return Math.round((double) (cpu - tree.seenCpuMillis()) * tree.waitMillis() / tree.seenCpuMillis());
    }

    /** Stops this executor: no new attempt starts, running ones are killed and count as unfinished. */
    @Override
    public void cancel() {
        cancelled = true;
        for (Process p : live) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private void checkNotStopping() throws InterruptedException {
        Shutdown.checkNotStopping();
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        // Java says "error=2, No such file or directory": keep the words, drop the errno.
        return m == null ? t.toString() : m.replaceFirst("^error=\\d+, ", "");
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private record Attempt(Integer exitCode, String output, String stderrTail, String error, Long cpuMillis,
            Long cpuWaitMillis, long unseenWaitMillis) {
    }
}
