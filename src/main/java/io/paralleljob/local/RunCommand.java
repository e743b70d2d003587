package io.paralleljob.local;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusAggregator;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Phase;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.SpecValidator;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code run FILE [-o yaml|json] [--parallelism N] [--workload W] [--quiet]}: runs a ParallelJob
 * file on this machine and prints the finished resource, status included, on stdout.
 * Exit 0 when the job Succeeded, 1 when it Failed, 2 when the input is invalid.
 */
public final class RunCommand {
    public static final int EXIT_SUCCEEDED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID = 2;

    private final PrintStream out;
    private final PrintStream err;

    public RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        RunOptions options;
        ParallelJob job;
        JobPlan plan;
        try {
            options = RunOptions.parse(args);
            job = JobFileReader.read(options.file());
            options.applyOverrides(job);
            plan = SpecValidator.validate(job);
        } catch (InvalidSpecException e) {
            err.println("error: " + e.getMessage());
            return EXIT_INVALID;
        }
        return execute(job, plan, options);
    }

    private int execute(ParallelJob job, JobPlan plan, RunOptions options) {
        ProgressReporter progress = new ProgressReporter(plan.name(), plan.items().size(), err, !options.quiet());
        LocalJobRunner runner;
        try {
            runner = new LocalJobRunner(plan, progress);
        } catch (InvalidSpecException e) {
            err.println("error: " + e.getMessage());
            return EXIT_INVALID;
        }
        AtomicBoolean printed = new AtomicBoolean();
        // Stopped by SIGTERM (not only Ctrl-C, which reaches the whole process group): no orphans.
        io.paralleljob.runner.RunnerMain.killChildrenOnExit();
        // Interrupted (Ctrl-C, SIGTERM): still print every result obtained so far.
        Thread onSignal = new Thread(() -> print(job, runner.snapshot(true, new JobSnapshot.JobFailure(
                "Interrupted", "stopped by a signal before every item finished")), options, printed), "pj-interrupted");
        Runtime.getRuntime().addShutdownHook(onSignal);
        JobSnapshot result;
        try {
            result = runner.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = runner.snapshot(true, new JobSnapshot.JobFailure("Interrupted", "the run was interrupted"));
        } catch (RuntimeException e) {
            result = runner.snapshot(true, new JobSnapshot.JobFailure("RunnerError", String.valueOf(e.getMessage())));
        } finally {
            progress.close();
        }
        Phase phase = print(job, result, options, printed);
        try {
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: it will find the status printed
        }
        return phase == Phase.Succeeded ? EXIT_SUCCEEDED : EXIT_FAILED;
    }

    private Phase print(ParallelJob job, JobSnapshot snapshot, RunOptions options, AtomicBoolean printed) {
        job.setStatus(StatusAggregator.aggregate(snapshot, null));
        if (printed.compareAndSet(false, true)) {
            out.print(ResourcePrinter.print(job, options.output()));
            out.flush();
        }
        return Phase.valueOf(job.getStatus().getPhase());
    }
}
