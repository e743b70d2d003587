package io.paralleljob.local;

import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.runner.RunnerMain;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts the runner's own entry ({@link RunnerMain}, the one worker pods
 * run) in a new JVM: the local stand-in for a worker pod. It reuses this process's own java and
 * class path, so it works from the packaged jar and from a test class path alike, and it never
 * goes through the application's Main.
 */
final class RunnerProcess {
    /**
     * Flags for a short-lived JVM that mostly waits on its children: start fast, stay small. The
     * runner streams its results and keeps none, so a heap of 128 MiB holds a shard of any size
     * (RunnerMainTest runs 20 000 items with 4 KiB outputs in 64 MiB); a local runner process has
     * one thread. Worker pods size theirs from the container's memory limit instead
     * (WorkerPodFactory.runnerCommand), since their items share that limit.
     */
    private static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx128m");

    private RunnerProcess() {
    }

    /**
     * From the packaged application: only the application's jar and the JSON library, the same
     * four jars worker pods get. A runner JVM on that class path starts in 0.27 s here, against
     * 0.42 s through quarkus-run.jar (which indexes every jar of the application first).
     */
    static String runnerClassPath(Path quarkusApp) {
        List<String> jars = new ArrayList<>();
        try (var app = java.nio.file.Files.list(quarkusApp.resolve("app"));
                var lib = java.nio.file.Files.list(quarkusApp.resolve("lib/main"))) {
            app.filter(p -> p.toString().endsWith(".jar")).forEach(p -> jars.add(p.toString()));
            lib.filter(p -> p.getFileName().toString().startsWith("com.fasterxml.jackson.core.jackson-"))
                    .forEach(p -> jars.add(p.toString()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot list the application's jars in " + quarkusApp, e);
        }
        return String.join(File.pathSeparator, jars);
    }

    /** @param runnerArgs which items and how many threads, as {@link RunnerArgs} writes them */
    static List<String> command(Path taskFile, List<String> runnerArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith("quarkus-run.jar") && !classPath.contains(File.pathSeparator)) {
            classPath = runnerClassPath(Path.of(classPath).toAbsolutePath().getParent());
        }
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(RunnerMain.class.getName());
        cmd.add("--task");
        cmd.add(taskFile.toString());
        cmd.addAll(runnerArgs);
        return cmd;
    }
}
