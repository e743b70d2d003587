package io.paralleljob.runner;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One slot of a Stream shard ({@link StreamProtocol}): a worker process started at the slot's
 * first item and fed the slot's items one at a time. A failed answer fails that item only; a
 * worker that dies or outlives itemTimeoutSeconds fails its in-flight item (retried per retries,
 * on a fresh worker) and is started again for the next one, so other items never notice.
 */
final class StreamWorker implements ItemSlot {
    /** How long a worker whose stdin is closed at the end gets to exit before it is killed. */
    static final long EXIT_GRACE_MILLIS = 2_000;

    private final CommandTemplate command;
    private final int retries;
    private final int slot;
    private volatile StreamProcess worker;
    private volatile boolean cancelled;

    StreamWorker(CommandTemplate command, int retries, int slot) {
        this.command = command;
        this.retries = retries;
        this.slot = slot;
    }

    @Override
    public ItemRun run(WorkItem item, Integer shard) throws InterruptedException {
        long startEpoch = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Attempt last;
        Long cpu = null;
        Long wait = null;
        int attempts = 0;
        do {
            attempts++;
            last = attempt(item);
            // An attempt whose worker was gone before it could be read adds nothing, as PerItem's unread attempts.
            cpu = sum(cpu, last.cpuMillis());
            wait = sum(wait, last.waitMillis());
        } while (attempts <= retries && last.exitCode() != null && last.exitCode() != 0);
        long duration = (System.nanoTime() - t0) / 1_000_000;
        boolean ok = last.exitCode() != null && last.exitCode() == 0;
        return new ItemRun(item.index(), item.value(), last.exitCode(), last.output(),
                ok || last.stderr().isEmpty() ? null : last.stderr(), last.error(), startEpoch, duration, cpu, attempts,
                shard, wait, wait == null ? null : 0L);
    }

    private Attempt attempt(WorkItem item) throws InterruptedException {
        checkNotStopping();
        StreamProcess w = worker;
        if (w == null) {
            try {
                w = StreamProcess.start(command, slot);
            } catch (IOException e) {
                return new Attempt(null, "", "", ItemRun.CANNOT_START + command.argv().get(0) + ": "
                        + ItemExecutor.rootMessage(e), null, null);
            }
            worker = w;
            if (cancelled) {
                w.kill(); // a cancel came while it started, after its kill pass
            }
        }
        StreamProcess.Counters before = w.counters();
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        StreamProcess dying = w;
        ScheduledFuture<?> watchdog = command.timeoutSeconds() == null ? null
                : ItemExecutor.TIMEOUTS.schedule(() -> {
                    timedOut.set(true);
                    dying.kill();
                }, command.timeoutSeconds(), TimeUnit.SECONDS);
        String answer = w.exchange(StreamProtocol.frame(item.value()));
        if (watchdog != null) {
            watchdog.cancel(false);
        }
        // Read at once, while a dying worker is not yet reaped: its CPU is still in /proc then.
        StreamProcess.Counters after = w.afterAnswer();
        Long cpu = delta(before.cpuMillis(), after.cpuMillis(), 1);
        Long wait = delta(before.waitNanos(), after.waitNanos(), 1_000_000);
        checkNotStopping(); // killed by our own stop: unfinished, not failed
        if (answer != null && !timedOut.get()) {
            StreamProtocol.Answer a = StreamProtocol.parse(answer);
            return new Attempt(a.ok() ? 0 : StreamProtocol.FAILED_EXIT, a.output(), w.takeStderr(), null, cpu, wait);
        }
        worker = null;
        int exit = w.stop(0);
        String stderr = w.takeStderr();
        checkNotStopping();
        String why = timedOut.get() ? "timed out after " + command.timeoutSeconds() + " s (worker killed, restarted)"
                : "worker exited with code " + exit + " before answering (restarted)";
        return new Attempt(exit == 0 ? StreamProtocol.FAILED_EXIT : exit, "", stderr, why, cpu, wait);
    }

    private static Long sum(Long total, Long more) {
        if (more == null) {
            return total;
        }
        return total == null ? more : Long.valueOf(total + more);
    }

    /** A counter's growth, never negative; null when either end could not be read. */
    private static Long delta(Long before, Long after, long unit) {
        return before == null || after == null ? null : Math.max(0, after - before) / unit;
    }

    @Override
    public void close() {
        StreamProcess w = worker;
        worker = null;
        if (w != null) {
            w.stop(EXIT_GRACE_MILLIS);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        StreamProcess w = worker;
        if (w != null) {
            w.kill();
        }
    }

    private void checkNotStopping() throws InterruptedException {
        Shutdown.checkNotStopping();
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
    }

    private record Attempt(Integer exitCode, String output, String stderr, String error, Long cpuMillis,
            Long waitMillis) {
    }
}
