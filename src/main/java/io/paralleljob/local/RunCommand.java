package io.paralleljob.local;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Phase;
import io.paralleljob.local.schema.ResourceValidator;
import io.paralleljob.model.ItemRun;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.SpecPolicy;
import io.paralleljob.plan.SpecValidator;
import io.paralleljob.runner.Shutdown;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code run FILE [-o yaml|json] [--parallelism N] [--workload W] [--quiet]}: runs a ParallelJob
 * file ({@code -}: standard input) on this machine and prints the finished resource, status included, on stdout.
 * Exit 0 when the job Succeeded, 1 when it Failed, 2 when the input is invalid.
 */
public final class RunCommand {
    public static final int EXIT_SUCCEEDED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID = 2;

    private final java.io.InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    /** The --results file, when there is one: status says where it is. */
    private volatile ResultsFile resultsFile;

    public RunCommand(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    /** @param in where {@code run -} reads the job from */
    public RunCommand(java.io.InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        if (java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h")) {
            out.println(RunOptions.HELP);
            return EXIT_SUCCEEDED;
        }
        RunOptions options;
        ParallelJob job;
        JobPlan plan;
        try {
            options = RunOptions.parse(args);
            ResourceValidator.preload(); // ready by the time the file is read
            job = options.fromStdin() ? JobFileReader.read(in, "stdin") : JobFileReader.read(options.file());
            options.applyOverrides(job);
            // Local mode reads no Secret at all (LocalCommand wants literal values): nothing to allow.
            plan = SpecValidator.validate(job, SpecPolicy.STRICT, LocalItems.besides(options));
            if (options.rerunFailed() != null) {
                plan = Rerun.of(plan, options.rerunFailed());
            }
        } catch (InvalidSpecException e) {
            err.println("error: " + e.getMessage());
            return EXIT_INVALID;
        }
        if (plan.runOnly() != null && plan.runOnly().isEmpty()) {
            // A rerun loop ("until it succeeds") ends here, as a success.
            err.println("nothing to rerun: every item succeeded in " + options.rerunFailed());
            return EXIT_SUCCEEDED;
        }
        return execute(job, plan, options);
    }

    private int execute(ParallelJob job, JobPlan plan, RunOptions options) {
        ProgressReporter progress = new ProgressReporter(plan.name(), plan.runCount(), err, !options.quiet());
        LocalJobRunner runner;
        try {
            if (options.resultsPath() != null) {
                resultsFile = ResultsFile.open(options.resultsPath(), options.rerunFailed() != null,
                        options.rerunFailed() != null ? "--rerun-failed" : "--results");
            }
            runner = new LocalJobRunner(plan, progress, resultsFile == null ? run -> { } : resultsFile);
        } catch (InvalidSpecException e) {
            if (resultsFile != null) {
                resultsFile.close();
            }
            err.println("error: " + e.getMessage());
            return EXIT_INVALID;
        }
        AtomicBoolean printed = new AtomicBoolean();
        Thread onSignal = new Thread(() -> stopAndPrint(job, runner, options, printed), "pj-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        AtomicBoolean deadlineHit = new AtomicBoolean();
        java.util.concurrent.ScheduledExecutorService deadline = deadline(plan, runner, deadlineHit);
        JobSnapshot result;
        try {
            result = runner.run();
        } catch (InterruptedException e) {
            result = runner.snapshot(true, deadlineHit.get()
                    ? new JobSnapshot.JobFailure("DeadlineExceeded", "the job ran longer than activeDeadlineSeconds="
                            + plan.activeDeadlineSeconds() + "; its running items were stopped")
                    : new JobSnapshot.JobFailure("Interrupted", "the run was interrupted"));
        } catch (RuntimeException e) {
            result = runner.snapshot(true, new JobSnapshot.JobFailure("RunnerError", String.valueOf(e.getMessage())));
        } finally {
            if (deadline != null) {
                deadline.shutdownNow();
            }
        }
        if (Shutdown.started()) {
            progress.close();
            return EXIT_FAILED; // a signal is stopping us: the hook prints what was obtained
        }
        if (resultsFile != null) {
            resultsFile.close();
        }
        Phase phase = print(job, result, options, printed);
        progress.close(job.getStatus());
        if (resultsFile != null && resultsFile.problem() != null) {
            err.println("warning: --results: " + resultsFile.problem());
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: it will find the status printed
        }
        return phase == Phase.Succeeded ? EXIT_SUCCEEDED : EXIT_FAILED;
    }

    /** spec.activeDeadlineSeconds holds locally too: when it passes, the run is stopped. */
    private static java.util.concurrent.ScheduledExecutorService deadline(JobPlan plan, LocalJobRunner runner,
            AtomicBoolean hit) {
        if (plan.activeDeadlineSeconds() == null) {
            return null;
        }
        var timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pj-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.schedule(() -> {
            hit.set(true);
            runner.cancel();
        }, plan.activeDeadlineSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        return timer;
    }

    /**
     * Stopped by a signal (Ctrl-C, SIGTERM): stop starting items, kill every process we started,
     * then print what finished. One hook does all of it, in that order, so the printed status never
     * races the kills. Items that died of the same signal (Ctrl-C reaches the whole process group)
     * are unfinished, not failed.
     */
    private void stopAndPrint(ParallelJob job, LocalJobRunner runner, RunOptions options, AtomicBoolean printed) {
        long signalled = System.currentTimeMillis();
        Shutdown.begin();
        runner.cancel();
        for (int pass = 0; pass < 2; pass++) {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            sleep(100);
        }
        print(job, interrupted(runner.snapshot(true, new JobSnapshot.JobFailure("Interrupted",
                "stopped by a signal before every item finished")), signalled), options, printed);
    }

    /**
     * The run as a signal left it: items killed by the signal itself (exit 128+, ending at the
     * signal) are dropped as unfinished; everything else is kept, the job's start included, so an
     * interrupted run reports the same startTime and duration as any other.
     */
    static JobSnapshot interrupted(JobSnapshot s, long signalledMillis) {
        List<ItemRun> kept = s.runs().stream().filter(r -> !(r.exitCode() != null && r.exitCode() >= 128
                && r.endEpochMillis() >= signalledMillis - 2000)).toList();
        return new JobSnapshot(s.generation(), s.total(), kept, s.strategy(), s.decision(), true, s.failure(),
                s.now(), s.startedAt(), s.cpus());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private io.paralleljob.api.ResultsRef resultsRef() {
        ResultsFile f = resultsFile;
        return f == null ? null : f.ref();
    }

    private Phase print(ParallelJob job, JobSnapshot snapshot, RunOptions options, AtomicBoolean printed) {
        job.setStatus(StatusBuilder.after(null, snapshot.now()).items(snapshot).resultsRef(resultsRef()).build());
        if (printed.compareAndSet(false, true)) {
            out.print(ResourcePrinter.print(job, options.output()));
            out.flush();
        }
        return Phase.valueOf(job.getStatus().getPhase());
    }
}
