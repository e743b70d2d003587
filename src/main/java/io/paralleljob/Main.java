package io.paralleljob;

import io.paralleljob.local.RunCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * One jar, several entry points. No arguments starts the operator (Quarkus and the operator
 * SDK boot); {@code run FILE} runs a job locally, and returns before anything of Quarkus starts.
 * The runner (worker pods and local runner processes) has an entry of its own,
 * {@link io.paralleljob.runner.RunnerMain}, started by its class name: it never comes through here.
 */
@QuarkusMain
public final class Main {
    private static final String USAGE = """
            usage:
              (no arguments)     start the operator against the current kubeconfig or in-cluster config
              run FILE [-o yaml|json] [--parallelism N] [--workload Auto|IOBound|CPUBound] [--quiet]
                                 run a ParallelJob on this machine, print it with its status""";

    Main() { // package-private: Quarkus registers @QuarkusMain classes as beans
    }

    /**
     * The operator needs a cluster: without any way to reach one the client would retry for a
     * while and then print pages of stack trace. Say so in one line instead.
     */
    private static String noClusterConfigured() {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            return null; // the client reports a bad file itself
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".kube", "config"))
                || System.getProperty("quarkus.kubernetes-client.api-server-url") != null
                || System.getenv("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL") != null) {
            return null;
        }
        return "no cluster to run the operator against: set KUBECONFIG, create ~/.kube/config, or run it in a "
                + "cluster (to run a job on this machine: run FILE)";
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

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("operator")) {
            String missing = noClusterConfigured();
            if (missing != null) {
                System.err.println("error: " + missing + "\n" + USAGE);
                System.exit(2);
            }
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        quietLogging();
        io.paralleljob.runner.ProcessLaunch.preferVfork();
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit = switch (args[0]) {
            case "run" -> new RunCommand(System.out, System.err).run(rest);
            case "-h", "--help", "help" -> {
                System.out.println(USAGE);
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
