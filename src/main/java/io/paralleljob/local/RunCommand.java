package io.paralleljob.local;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Phase;
import io.paralleljob.local.schema.ResourceValidator;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.SpecPolicy;
import io.paralleljob.plan.SpecValidator;
import io.paralleljob.runner.Shutdown;
import java.io.PrintStream;
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
        // A signal while the file is read and checked finds nothing to stop or print; it says so,
        // where it would otherwise end the run without a word. SignalStop takes over at the start.
        Thread beforeStart = new Thread(() -> err.println("interrupted before the job started: no item ran"),
                "pj-interrupted-early");
        Runtime.getRuntime().addShutdownHook(beforeStart);
        try {
            return checkAndRun(args, beforeStart);
        } finally {
            removeHook(beforeStart);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: the signal came first
        }
    }

    private int checkAndRun(String[] args, Thread beforeStart) {
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
        return execute(job, plan, options, beforeStart);
    }

    private int execute(ParallelJob job, JobPlan plan, RunOptions options, Thread beforeStart) {
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
        AtomicBoolean reported = new AtomicBoolean();
        removeHook(beforeStart);
        SignalStop onSignal;
        try {
            onSignal = new SignalStop(runner, s -> report(job, s, options, progress, reported));
        } catch (IllegalStateException shuttingDown) {
            if (resultsFile != null) {
                resultsFile.close();
            }
            return EXIT_FAILED; // signalled before the start: the early hook has said so, nothing ran
        }
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
            onSignal.settled();
        }
        if (Shutdown.started()) {
            return EXIT_FAILED; // a signal is stopping us: its hook reports, and the JVM exits with its code
        }
        if (resultsFile != null) {
            resultsFile.close();
        }
        Phase phase = report(job, result, options, progress, reported);
        onSignal.remove();
        if (resultsFile != null && resultsFile.problem() != null) {
            err.println("warning: --results: " + resultsFile.problem());
        }
        return phase == Phase.Succeeded ? EXIT_SUCCEEDED : EXIT_FAILED;
    }

    private io.paralleljob.api.ResultsRef resultsRef() {
        ResultsFile f = resultsFile;
        return f == null ? null : f.ref();
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
     * Prints the status built from {@code snapshot}, and the last progress line from the same
     * snapshot, so the two agree; only the first caller (the run's thread or the signal's hook) does.
     */
    private Phase report(ParallelJob job, JobSnapshot snapshot, RunOptions options, ProgressReporter progress,
            AtomicBoolean reported) {
        var status = StatusBuilder.after(null, snapshot.now()).items(snapshot).resultsRef(resultsRef()).build();
        if (reported.compareAndSet(false, true)) {
            job.setStatus(status);
            out.print(ResourcePrinter.print(job, options.output()));
            out.flush();
            progress.close(snapshot, status);
        }
        return Phase.valueOf(status.getPhase());
    }
}
