package io.paralleljob.local;

import io.paralleljob.api.ParallelJob;
import io.paralleljob.plan.InvalidSpecException;
import java.nio.file.Path;

/** The run command's arguments, parsed by hand: local mode must start fast, with no framework to boot. */
record RunOptions(Path file, String output, Integer parallelism, String workload, boolean quiet, Path results,
        Path rerunFailed) {
    static final String USAGE = "usage: run FILE [-o yaml|json] [--parallelism N] [--workload Auto|IOBound|CPUBound] "
            + "[--quiet] [--results PATH] [--rerun-failed PATH]";
    /** {@code run -}: the job comes on standard input. */
    static final Path STDIN = Path.of("-");
    static final String HELP = USAGE + """


            Runs a ParallelJob on this machine and prints it, with the status the operator would write,
            on stdout. Progress goes to stderr, at most one line a second.

              FILE                  the job file (YAML or JSON); - reads it from standard input
              -o, --output FORMAT   yaml (default) or json
              --parallelism N       instead of spec.parallelism
              --workload W          instead of spec.workload: Auto, IOBound or CPUBound
              -q, --quiet           no progress on stderr
              --results PATH        write every item's full result to PATH as it finishes: one JSON
                                    object a line (index, item, exitCode, output, error, stderrTail,
                                    attempts, startEpochMillis, durationMillis, cpuMillis); a run
                                    stopped at any moment leaves every finished item's line. An
                                    existing PATH is started afresh (--rerun-failed adds to one).
                                    Read it with: results --file PATH [--failed] [-o jsonl|csv|table]
              --rerun-failed PATH   run again only the items whose latest outcome in PATH (an earlier
                                    run's --results file) failed, or that never finished, under their
                                    original indexes, and append their rows to PATH: its latest row
                                    per index stays each item's latest outcome. Nothing to rerun:
                                    exit 0 with a note on stderr
              -h, --help            this help

            The job is checked first as the API server would check it (the CRD's schema and rules).

            Exit codes: 0 the job succeeded; 1 it failed (an item failed, or activeDeadlineSeconds
            passed); 2 the input is invalid (the message names the field); 130, 143, 129 stopped
            by Ctrl-C, SIGTERM or SIGHUP (no new item starts, every item process is killed, and the
            status obtained so far is printed).""";

    /** Where rows go: the --results file, or the file a rerun appends to; null for none. */
    Path resultsPath() {
        return rerunFailed != null ? rerunFailed : results;
    }

    boolean fromStdin() {
        return STDIN.equals(file);
    }

    static RunOptions parse(String... args) {
        Path file = null;
        String output = "yaml";
        Integer parallelism = null;
        String workload = null;
        boolean quiet = false;
        Path results = null;
        Path rerunFailed = null;
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
                case "--results" -> results = Path.of(value(args, ++i, a));
                case "--rerun-failed" -> rerunFailed = Path.of(value(args, ++i, a));
                default -> {
                    if ((a.startsWith("-") && !a.equals("-")) || file != null) {
                        throw new InvalidSpecException(a, "unexpected argument; " + USAGE);
                    }
                    file = Path.of(a);
                }
            }
        }
        if (file == null) {
            throw new InvalidSpecException("FILE", "missing; " + USAGE);
        }
        if (results != null && rerunFailed != null && !results.equals(rerunFailed)) {
            throw new InvalidSpecException("--results", "a rerun appends to the file it reruns (" + rerunFailed
                    + "); leave out --results, or give it the same path");
        }
        return new RunOptions(file, output, parallelism, workload, quiet, results, rerunFailed);
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
