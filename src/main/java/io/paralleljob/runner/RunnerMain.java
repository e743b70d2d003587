package io.paralleljob.runner;

import io.paralleljob.model.ShardTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.model.ItemRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The worker entry point ({@code runner TASK.json}): runs one shard and writes its report stream
 * on stdout. Local mode starts it as a child process per shard; worker pods run it in the user's
 * image. It never boots Quarkus nor touches a cluster.
 */
public final class RunnerMain {
    public static final int EXIT_OK = 0;
    public static final int EXIT_BAD_TASK = 2;
    public static final int EXIT_INTERRUPTED = 3;

    private RunnerMain() {
    }

    public static int run(List<String> args) {
        if (args.size() != 1) {
            System.err.println("usage: runner TASK.json");
            return EXIT_BAD_TASK;
        }
        ShardTask task;
        try {
            task = ReportLine.JSON.readValue(Files.readString(Path.of(args.get(0))), ShardTask.class);
        } catch (NoSuchFileException e) {
            System.err.println("runner: task file not found: " + args.get(0));
            return EXIT_BAD_TASK;
        } catch (IOException e) {
            System.err.println("runner: cannot read task " + args.get(0) + ": " + e.getMessage());
            return EXIT_BAD_TASK;
        }
        killChildrenOnExit();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try {
            List<ItemRun> runs = new ShardRunner(task.command(), task.threads(), task.retries())
                    .run(task.items(), task.shard(), run -> {
                        synchronized (out) {
                            out.println(new ReportLine(run, null).toJson());
                            out.flush();
                        }
                    });
            int failed = (int) runs.stream().filter(r -> !r.succeeded()).count();
            out.println(new ReportLine(null, new ReportLine.ShardDone(task.shard(), runs.size(), failed)).toJson());
            out.flush();
            return EXIT_OK;
        } catch (InterruptedException e) {
            return EXIT_INTERRUPTED;
        }
    }

    /**
     * A runner stopped by SIGTERM (pod deleted, parent gone) takes its items' processes with it,
     * and starts no new ones while it stops.
     */
    public static void killChildrenOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Shutdown.begin();
            // Twice: a thread that checked the flag just before it was set may still start one child.
            for (int pass = 0; pass < 2; pass++) {
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pj-kill-children"));
    }
}
