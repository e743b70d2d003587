package io.paralleljob.local;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.model.ItemRun;
import io.paralleljob.runner.ItemProcesses;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a signal (Ctrl-C, SIGTERM) does to a local run, from the JVM's shutdown hook: no item
 * starts any more, every item's process tree is killed, the run's own thread is given the time
 * left of {@link ItemProcesses#STOP_MILLIS} to settle (each item it will ever report reported),
 * and then one snapshot is reported: the printed status and the last progress line both come from
 * it. Doing it all in one hook, in this order, keeps the report from racing the kills.
 */
final class SignalStop {
    private final LocalJobRunner runner;
    private final Consumer<JobSnapshot> report;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stop, "pj-interrupted");

    /** @param report prints the status and the last progress line, unless the run's thread already did */
    SignalStop(LocalJobRunner runner, Consumer<JobSnapshot> report) {
        this.runner = runner;
        this.report = report;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The run's thread is done with the backend: no item result comes after this. */
    void settled() {
        settled.countDown();
    }

    /** The run ended by itself: an exit from here on has nothing of the run to stop or print. */
    void remove() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: it finds the status printed
        }
    }

    private void stop() {
        try {
            stopAndReport();
        } catch (RuntimeException | Error e) {
            // A hook that dies says nothing at all; the run must at least say it was stopped.
            System.err.println("interrupted: the status could not be printed: " + e);
        }
    }

    private void stopAndReport() {
        long signalled = System.currentTimeMillis();
        ItemProcesses.stopAll(ItemProcesses.STOP_MILLIS);
        runner.cancel();
        long left = ItemProcesses.STOP_MILLIS - (System.currentTimeMillis() - signalled);
        try {
            settled.await(Math.max(100, left), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report.accept(interrupted(runner.snapshot(true, new JobSnapshot.JobFailure("Interrupted",
                "stopped by a signal before every item finished")), signalled));
    }

    /**
     * The run as a signal left it: items killed by the signal itself (Ctrl-C reaches the whole
     * process group, so they die before this hook runs; exit 128+, ending at the signal) are
     * dropped as unfinished, not failed; everything else is kept, the job's start included, so an
     * interrupted run reports the same startTime and duration as any other.
     */
    static JobSnapshot interrupted(JobSnapshot s, long signalledMillis) {
        List<ItemRun> kept = s.runs().stream().filter(r -> !(r.exitCode() != null && r.exitCode() >= 128
                && r.endEpochMillis() >= signalledMillis - 2000)).toList();
        return new JobSnapshot(s.generation(), s.total(), kept, s.strategy(), s.decision(), true, s.failure(),
                s.now(), s.startedAt(), s.cpus());
    }
}
