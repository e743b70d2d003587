package io.paralleljob.kubectl;

import java.util.Set;

/**
 * The plugin's arguments: a command, a job name, and the few options each command takes.
 *
 * @param tail    logs --tail N: the last N lines of each pod; null for all
 * @param newName rerun --name NEW; null for NAME-rerun-N, the first free N
 */
record PluginOptions(String command, String job, String namespace, Integer tail, String newName) {
    static final Set<String> COMMANDS = Set.of("get", "logs", "rerun");

    static PluginOptions parse(String command, String... args) {
        if (!COMMANDS.contains(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "' (get, results, logs, rerun)");
        }
        String job = null;
        String namespace = null;
        Integer tail = null;
        String newName = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-n", "--namespace" -> namespace = value(args, ++i, a);
                case "--tail" -> {
                    if (!command.equals("logs")) {
                        throw new IllegalArgumentException("--tail is an option of logs");
                    }
                    try {
                        tail = Integer.parseInt(value(args, ++i, a));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--tail takes a whole number of lines");
                    }
                }
                case "--name" -> {
                    if (!command.equals("rerun")) {
                        throw new IllegalArgumentException("--name is an option of rerun");
                    }
                    newName = value(args, ++i, a);
                }
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + a + "' for " + command);
                    }
                    if (job != null) {
                        throw new IllegalArgumentException("one job at a time (got " + job + " and " + a + ")");
                    }
                    job = a;
                }
            }
        }
        if (job == null) {
            throw new IllegalArgumentException(command + " needs the ParallelJob's NAME");
        }
        return new PluginOptions(command, job, namespace, tail, newName);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
