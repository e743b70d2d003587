package io.paralleljob.results;

import java.nio.file.Path;
import java.util.List;

/**
 * The results command's arguments, parsed by hand like run's: the command must start fast.
 *
 * @param job       the ParallelJob whose cluster ledger to read; null with {@code file}
 * @param namespace -n; null: the kubeconfig context's namespace
 * @param file      --file: a local run's --results file; null for a cluster job
 */
record ResultsOptions(String job, String namespace, Path file, boolean failedOnly, String output) {
    static final List<String> FORMATS = List.of("jsonl", "csv", "table");
    static final String USAGE = "usage: results NAME [-n NAMESPACE] [--failed] [-o jsonl|csv|table]\n"
            + "       results --file PATH [--failed] [-o jsonl|csv|table]";
    static final String HELP = USAGE + """


            Prints every item's latest outcome, one per index, in index order: from a ParallelJob's
            results ledger in the cluster (the ConfigMaps labelled paralleljob.io/results-of=NAME,
            found through the kubeconfig as kubectl finds it), or from the file a local
            run FILE --results PATH wrote. A job that reruns another's failures
            (spec.itemsFrom.failedOf) shows the other's outcomes underneath its own, down the whole
            chain, so each item's latest outcome is in one view; so does a --results file that
            run --rerun-failed appended to.

              NAME                 the ParallelJob
              -n, --namespace NS   its namespace (default: the kubeconfig context's, else default)
              --file PATH          a local --results file instead of a cluster job
              --failed             only the items whose latest outcome failed
              -o, --output FORMAT  jsonl (default): one JSON object a line (index, item, exitCode,
                                   output, error, stderrTail, attempts, startEpochMillis,
                                   durationMillis, cpuMillis); csv: a header, then a row per item;
                                   table: aligned columns for reading, and a count at the end
              -h, --help           this help

            Exit codes: 0 the results were printed (none, too, when no item failed with --failed);
            1 they cannot be read (no such file or job, no ledger yet, an unreadable row or chunk,
            no cluster); 2 invalid arguments.""";

    static ResultsOptions parse(String... args) {
        String job = null;
        String namespace = null;
        Path file = null;
        boolean failed = false;
        String output = "jsonl";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.indexOf('=');
            String flag = a.startsWith("--") && eq > 2 ? a.substring(0, eq) : a;
            String inline = a.startsWith("--") && eq > 2 ? a.substring(eq + 1) : null;
            switch (flag) {
                case "-n", "--namespace" -> namespace = inline != null ? inline : value(args, ++i, flag);
                case "--file" -> file = Path.of(inline != null ? inline : value(args, ++i, flag));
                case "--failed" -> failed = true;
                case "-o", "--output" -> {
                    output = inline != null ? inline : value(args, ++i, flag);
                    if (!FORMATS.contains(output)) {
                        throw new UsageException(flag + ": expected jsonl, csv or table (got '" + output + "')");
                    }
                }
                default -> {
                    if (a.startsWith("-") || job != null) {
                        throw new UsageException(a + ": unexpected argument; " + USAGE.replace("\n", " "));
                    }
                    job = a;
                }
            }
        }
        if ((job == null) == (file == null)) {
            throw new UsageException((job == null ? "NAME: missing" : "--file and NAME: give one of the two")
                    + "; " + USAGE.replace("\n", " "));
        }
        if (file != null && namespace != null) {
            throw new UsageException("-n: a --file has no namespace");
        }
        return new ResultsOptions(job, namespace, file, failed, output);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new UsageException(flag + ": needs a value; " + USAGE.replace("\n", " "));
        }
        return args[i];
    }

    /** Arguments that make no sense: exit 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
