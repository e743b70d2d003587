package io.paralleljob.worker;

import io.paralleljob.model.PodTask;
import io.paralleljob.plan.ShardAssignment;
import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ReportLine;
import io.paralleljob.runner.RunnerMain;
import io.paralleljob.runner.ShardRunner;
import io.paralleljob.model.WorkItem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a worker pod's main container runs (in the user's image, with the runner copied in by the
 * init container): works out its items, runs them with the shard runner, streams one JSON line per
 * item to stdout (the pod log) and writes a short summary to the termination message file.
 * Exit 0 means the shard ran to the end, whatever its items' exit codes; item failures are data.
 */
public final class WorkerMain {
    public static final int EXIT_BAD_ARGS = 2;

    private WorkerMain() {
    }

    public static void main(String... args) {
        io.paralleljob.runner.ProcessLaunch.preferVfork();
        System.exit(run(List.of(args)));
    }

    public static int run(List<String> argv) {
        WorkerArgs args;
        PodTask task;
        try {
            args = WorkerArgs.parse(argv);
            task = ReportLine.JSON.readValue(Files.readString(Path.of(args.taskFile())), PodTask.class);
        } catch (IOException | RuntimeException e) {
            System.err.println("worker: " + e.getMessage());
            return EXIT_BAD_ARGS;
        }
        RunnerMain.killChildrenOnExit();
        List<WorkItem> items = items(args, task);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        CommandTemplate command = new CommandTemplate(task.argv(), Map.of(), task.workingDir(), task.itemTimeoutSeconds());
        Integer shard = args.only() != null ? null : args.shard();
        // --threads 0 (Auto's sample): as many threads as this pod has CPUs, so computing items never
        // queue for a core and look half idle. availableProcessors() follows the pod's CPU limit.
        int threads = args.threads() > 0 ? args.threads()
                : Math.max(1, Math.min(items.size(), Runtime.getRuntime().availableProcessors()));
        try {
            List<ItemRun> runs = new ShardRunner(command, threads, task.retries()).run(items, shard, run -> {
                synchronized (out) {
                    out.println(new ReportLine(run, null).toJson());
                    out.flush();
                }
            });
            int failed = (int) runs.stream().filter(r -> !r.succeeded()).count();
            String summary = new ReportLine(null, new ReportLine.ShardDone(args.shard(), runs.size(), failed)).toJson();
            out.println(summary);
            out.flush();
            writeReport(args.reportFile(), summary);
            return 0;
        } catch (InterruptedException e) {
            return RunnerMain.EXIT_INTERRUPTED;
        }
    }

    static List<WorkItem> items(WorkerArgs args, PodTask task) {
        List<Integer> indexes = args.only() != null ? args.only()
                : ShardAssignment.indexes(task.total(), args.exclude(), args.shards(), args.shard());
        // --done-positions: places in this shard's list (what an earlier pod of the shard finished).
        Set<Integer> donePositions = new HashSet<>(args.done());
        List<WorkItem> items = new ArrayList<>(indexes.size());
        for (int p = 0; p < indexes.size(); p++) {
            if (!donePositions.contains(p)) {
                int i = indexes.get(p);
                items.add(new WorkItem(i, task.item(i)));
            }
        }
        return items;
    }

    private static void writeReport(String file, String summary) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), summary);
        } catch (IOException e) {
            System.err.println("worker: cannot write the termination message: " + e.getMessage());
        }
    }
}
