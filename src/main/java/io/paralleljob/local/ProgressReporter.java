package io.paralleljob.local;

import io.paralleljob.aggregate.Conditions;
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

/** Progress on stderr while a job runs: one line a second at most, and only when something changed. */
final class ProgressReporter implements ShardRunner.Listener, AutoCloseable {
    private final String name;
    private final int total;
    private final PrintStream err;
    private final long startNanos = System.nanoTime();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String stage = "starting";
    private int lastPrinted = -1;
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
        }
    }

    private void print() {
        print("");
    }

    private synchronized void print(String suffix) {
        int d = done.get();
        if (d == lastPrinted && suffix.isEmpty()) {
            return;
        }
        lastPrinted = d;
        err.printf("%s: %d/%s done, %d failed, %s elapsed (%s)%s%n", name, d, Words.count(total, "item"), failed.get(),
                Rfc3339.human((System.nanoTime() - startNanos) / 1_000_000), stage, suffix);
    }

    @Override
    public void close() {
        close(null);
    }

    /** The last line; it says so when the items were CPU-starved, as that changes what the figures mean. */
    void close(ParallelJobStatus status) {
        if (ticker != null) {
            ticker.shutdownNow();
            print(starvation(status));
        }
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
