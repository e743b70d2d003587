package io.paralleljob.runner;

import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.model.WorkItem;
import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.plan.WorkItems;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The runner's entry, the one both kinds of "pod" start: a worker pod's main container (in the
 * user's image, with the runner copied in by the init container) and local mode's runner
 * processes. It reads the job-wide task file, works out its items from its arguments
 * ({@link RunnerArgs}), runs them, streams one JSON line per finished item to stdout (the pod
 * log, or the pipe local mode reads), then a closing summary, also written to the
 * termination-message file when asked. It starts neither Quarkus nor any cluster client: it is on
 * the hot path of every job. Exit 0 means the shard ran to the end, whatever its items' exit
 * codes: item failures are data.
 */
public final class RunnerMain {
    public static final int EXIT_OK = 0;
    /** Bad arguments, or a task file that cannot be read. */
    public static final int EXIT_BAD_TASK = 2;
    /** Stopped (SIGTERM) before every item finished. */
    public static final int EXIT_INTERRUPTED = 3;

    private RunnerMain() {
    }

    public static void main(String... args) {
        ProcessLaunch.preferVfork();
        System.exit(run(List.of(args)));
    }

    public static int run(List<String> argv) {
        RunnerArgs args;
        PodTask task;
        List<WorkItem> items;
        try {
            args = RunnerArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("runner: " + e.getMessage() + "\n" + RunnerArgs.USAGE);
            return EXIT_BAD_TASK;
        }
        try {
            task = ReportLine.JSON.readValue(Files.readString(Path.of(args.taskFile())), PodTask.class);
            items = WorkItems.from(task).select(args.indexes(task.total(), task.runOnlyIndexes()));
        } catch (NoSuchFileException e) {
            System.err.println("runner: task file not found: " + args.taskFile());
            return EXIT_BAD_TASK;
        } catch (IOException | RuntimeException e) {
            System.err.println("runner: cannot use task " + args.taskFile() + ": " + e.getMessage());
            return EXIT_BAD_TASK;
        }
        killChildrenOnExit();
        // --threads 0 (Auto's sample): as many threads as this runner has CPUs; in a pod,
        // availableProcessors() follows the pod's CPU limit.
        int threads = args.threads() > 0 ? args.threads()
                : Math.max(1, Math.min(items.size(), Runtime.getRuntime().availableProcessors()));
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try {
            // Each result goes out as its item finishes and is not kept: memory does not grow with the shard.
            ShardRunner.Outcome outcome = new ShardRunner(task.command(), threads, task.retries())
                    .run(items, args.itemShard(), run -> report(out, new ReportLine(run, null)));
            ReportLine summary = new ReportLine(null, new ReportLine.ShardDone(args.shard(), outcome.items(),
                    outcome.failed()));
            report(out, summary);
            writeTerminationMessage(args.reportFile(), summary.toJson());
            return EXIT_OK;
        } catch (InterruptedException e) {
            return EXIT_INTERRUPTED;
        }
    }

    /** One line per report, whole and flushed at once: item threads finish concurrently, and a reader follows live. */
    private static void report(PrintStream out, ReportLine line) {
        synchronized (out) {
            out.println(line.toJson());
            out.flush();
        }
    }

    private static void writeTerminationMessage(String file, String summary) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), summary);
        } catch (IOException e) {
            System.err.println("runner: cannot write the termination message: " + e.getMessage());
        }
    }

    /**
     * A runner stopped by SIGTERM (pod deleted, parent gone) takes its items' processes with it,
     * and starts no new ones while it stops. Registered up front, so a SIGTERM during the first
     * item's start is covered too.
     */
    private static void killChildrenOnExit() {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> ItemProcesses.stopAll(ItemProcesses.STOP_MILLIS), "pj-kill-children"));
    }
}
