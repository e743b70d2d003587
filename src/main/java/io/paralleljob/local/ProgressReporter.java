package io.paralleljob.local;

import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.Rfc3339;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.Words;
import io.paralleljob.runner.ShardRunner;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Progress on stderr while a job runs: one line a second at most, and only when something changed.
 * It names the latest failed item with the last line of its error, and gives an estimate of the
 * time left from the rate items have finished at so far.
 */
final class ProgressReporter implements ShardRunner.Listener, AutoCloseable {
    private final String name;
    private final int total;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String stage = "starting";
    private volatile ItemRun lastFailed;
    private int lastPrinted = -1;
    private boolean closed;
    private final ScheduledExecutorService ticker;

    ProgressReporter(String name, int total, PrintStream err, boolean enabled) {
        this.name = name;
        this.total = total;
        this.err = err;
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pj-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    void stage(String what) {
        stage = what;
        if (ticker != null) {
            err.println(name + ": " + what);
        }
    }

    @Override
    public void onItem(ItemRun run) {
        done.incrementAndGet();
        if (!run.succeeded()) {
            failed.incrementAndGet();
            lastFailed = run;
        }
    }

    private synchronized void print() {
        int d = done.get();
        if (closed || d == lastPrinted) {
            return; // after the last line nothing follows it, not even a tick that was already due
        }
        lastPrinted = d;
        err.println(line(d, failed.get(), elapsedMillis(), lastFailed));
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** One progress line: counts, elapsed time, what runs, time left at the rate so far, the latest failure. */
    String line(int done, int failedSoFar, long elapsedMillis, ItemRun latestFailure) {
        StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "%s: %d/%s done, %d failed, %s elapsed",
                name, done, Words.count(total, "item"), failedSoFar, Rfc3339.human(elapsedMillis)));
        if (done > 0 && done < total) {
            line.append(", about ").append(Rfc3339.human(elapsedMillis * (total - done) / done)).append(" left");
        }
        line.append(" (").append(stage).append(')');
        if (latestFailure != null) {
            line.append("; latest failure: ").append(io.paralleljob.aggregate.FailureLine.of(latestFailure));
        }
        return line.toString();
    }

    @Override
    public void close() {
        close(null, null);
    }

    /**
     * The last line, from the job's final snapshot and the status built from it, so it counts
     * exactly what the printed status counts: after a signal, the items it killed are unfinished
     * there, although they were reported here as failed while the run stopped. It says so when
     * the items were CPU-starved, as that changes what the figures mean.
     *
     * @param snapshot null: the counts so far
     */
    synchronized void close(JobSnapshot snapshot, ParallelJobStatus status) {
        if (ticker == null || closed) {
            return;
        }
        ticker.shutdownNow();
        closed = true;
        int d = done.get();
        int f = failed.get();
        ItemRun latest = lastFailed;
        if (snapshot != null && status != null && status.getItems() != null) {
            d = (int) (status.getItems().getSucceeded() + status.getItems().getFailed());
            f = (int) status.getItems().getFailed();
            latest = snapshot.runs().stream().filter(r -> !r.succeeded())
                    .max(java.util.Comparator.comparingLong(ItemRun::endEpochMillis)).orElse(null);
        }
        err.println(line(d, f, elapsedMillis(), latest) + starvation(status));
    }

    private static String starvation(ParallelJobStatus status) {
        if (status == null || status.getConditions() == null) {
            return "";
        }
        return status.getConditions().stream()
                .filter(c -> Conditions.CPU_STARVED.equals(c.getType()) && "True".equals(c.getStatus()))
                .map(c -> "; CPU-starved: " + c.getMessage()).findFirst().orElse("");
    }
}
