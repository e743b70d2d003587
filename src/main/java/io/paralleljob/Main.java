package io.paralleljob;

import io.paralleljob.local.RunCommand;
import io.paralleljob.operator.startup.Preflight;
import io.paralleljob.operator.startup.StartupEnvironment;
import io.paralleljob.operator.startup.StartupProblem;
import io.paralleljob.results.ResultsCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Optional;

/**
 * One jar, several entry points. No arguments starts the operator (Quarkus and the operator
 * SDK boot); {@code run FILE} runs a job locally, and returns before anything of Quarkus starts.
 * The runner (worker pods and local runner processes) has an entry of its own,
 * {@link io.paralleljob.runner.RunnerMain}, started by its class name: it never comes through here.
 */
@QuarkusMain
public final class Main {
    /** The operator's part of the help; --help and operator --help both print it. */
    private static final String OPERATOR_HELP = """
              (no arguments), operator
                  Start the operator against the current kubeconfig (KUBECONFIG, ~/.kube/config) or the
                  pod's service account. Before it boots it checks that it can reach the API server, that
                  the ParallelJob CRD is installed and that it may list ParallelJobs, pods and ConfigMaps
                  where it watches; a problem is one line on stderr naming the cause and the fix.
                  Exit codes: 0 stopped (SIGTERM); 1 failed after it had started; 2 could not start.
            """;
    private static final String USAGE = "usage: java -jar quarkus-run.jar [COMMAND]\n\n" + OPERATOR_HELP + """
              run FILE [-o yaml|json] [--parallelism N] [--workload Auto|IOBound|CPUBound] [--quiet]
                       [--results PATH] [--rerun-failed PATH]
                  Run a ParallelJob on this machine (FILE, or - for standard input) and print it with its
                  status. Exit codes: 0 the job succeeded, 1 it failed, 2 invalid input. See run --help.
              results NAME [-n NAMESPACE] | --file PATH  [--failed] [-o jsonl|csv|table]
                  Print every item's latest outcome from a cluster job's results ledger or a local
                  --results file. Exit codes: 0 printed, 1 cannot be read, 2 invalid arguments.
                  See results --help.
              --version
                  Print the version.
              --help
                  This help.
            """.stripTrailing();

    Main() { // package-private: Quarkus registers @QuarkusMain classes as beans
    }

    /**
     * Local commands talk to the user on stdout/stderr themselves; library logging (Fabric8's
     * debug notes while reading a resource) would only be noise there. Warnings still show.
     */
    private static void quietLogging() {
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
    }

    private static boolean wantsHelp(String... args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("operator")) {
            String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
            if (wantsHelp(rest)) {
                System.out.print("usage: java -jar quarkus-run.jar [operator]\n\n" + OPERATOR_HELP);
                System.exit(0);
            }
            // A cluster the operator cannot use is one line and exit 2 here, not pages of stack trace later.
            Optional<StartupProblem> problem = Preflight.check(StartupEnvironment.current());
            if (problem.isPresent()) {
                System.err.println("error: " + problem.get().message());
                System.exit(2);
            }
            Quarkus.run(rest);
            return;
        }
        quietLogging();
        io.paralleljob.runner.ProcessLaunch.preferVfork();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (args[0]) {
            case "run" -> new RunCommand(System.out, System.err).run(rest);
            case "results" -> new ResultsCommand(System.out, System.err).run(rest);
            case "kubectl" -> new io.paralleljob.kubectl.PluginCommand(System.out, System.err).run(rest);
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
                yield 0;
            }
            case "--version", "version" -> {
                System.out.println("parallel-job-operator " + Version.get());
                yield 0;
            }
            default -> {
                System.err.println("error: unknown command '" + args[0] + "'\n" + USAGE);
                yield 2;
            }
        };
        System.out.flush();
        System.exit(exit);
    }
}
