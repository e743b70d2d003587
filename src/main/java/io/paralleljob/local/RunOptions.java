package io.paralleljob.local;

import io.paralleljob.api.ParallelJob;
import io.paralleljob.plan.InvalidSpecException;
import java.nio.file.Path;

/** The run command's arguments, parsed by hand: local mode must start fast, with no framework to boot. */
record RunOptions(Path file, String output, Integer parallelism, String workload, boolean quiet) {
    static final String USAGE = "usage: run FILE [-o yaml|json] [--parallelism N] [--workload Auto|IOBound|CPUBound] [--quiet]";

    static RunOptions parse(String... args) {
        Path file = null;
        String output = "yaml";
        Integer parallelism = null;
        String workload = null;
        boolean quiet = false;
        java.util.List<String> split = new java.util.ArrayList<>();
        for (String a : args) {
            // --parallelism=3 as well as --parallelism 3
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 2) {
                split.add(a.substring(0, eq));
                split.add(a.substring(eq + 1));
            } else {
                split.add(a);
            }
        }
        args = split.toArray(String[]::new);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-o", "--output" -> {
                    output = value(args, ++i, a);
                    if (!output.equals("yaml") && !output.equals("json")) {
                        throw new InvalidSpecException(a, "expected yaml or json (got '" + output + "')");
                    }
                }
                case "--parallelism" -> {
                    String v = value(args, ++i, a);
                    try {
                        parallelism = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new InvalidSpecException(a, "expected a whole number (got '" + v + "')");
                    }
                }
                case "--workload" -> workload = value(args, ++i, a);
                case "-q", "--quiet" -> quiet = true;
                default -> {
                    if (a.startsWith("-") || file != null) {
                        throw new InvalidSpecException(a, "unexpected argument; " + USAGE);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new InvalidSpecException("FILE", "missing; " + USAGE);
        }
        return new RunOptions(file, output, parallelism, workload, quiet);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new InvalidSpecException(flag, "needs a value; " + USAGE);
        }
        return args[i];
    }

    /** Flags win over the file; the validator then checks them like any spec value. */
    void applyOverrides(ParallelJob job) {
        if (job.getSpec() == null) {
            return;
        }
        if (parallelism != null) {
            job.getSpec().setParallelism(parallelism);
        }
        if (workload != null) {
            job.getSpec().setWorkload(workload);
        }
    }
}
