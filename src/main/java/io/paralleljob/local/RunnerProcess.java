package io.paralleljob.local;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts this same program's runner entry in a new JVM: the local
 * stand-in for a worker pod. It reuses this process's own java and class path, so it works from
 * the packaged jar and from a test class path alike.
 */
final class RunnerProcess {
    /** Flags for a short-lived JVM that mostly waits on its children: start fast, stay small. */
    private static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx128m");

    private RunnerProcess() {
    }

    static List<String> command(Path taskFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_FLAGS);
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith("quarkus-run.jar") && !classPath.contains(File.pathSeparator)) {
            // Quarkus' fast-jar loads the application through its own class loader: go through its entry.
            cmd.add("-jar");
            cmd.add(classPath);
        } else {
            cmd.add("-cp");
            cmd.add(classPath);
            cmd.add(io.paralleljob.Main.class.getName());
        }
        cmd.add("runner");
        cmd.add(taskFile.toString());
        return cmd;
    }
}
