package io.paralleljob.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.results.ResultsCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@code kubectl paralleljob get|results|logs|rerun NAME}: the commands a user of batch tooling
 * reaches for (Argo's list/get/logs/retry), as a kubectl plugin. kubectl runs the plugin file
 * (kubectl-paralleljob on the PATH), which runs this with the arguments kubectl was given.
 */
public final class PluginCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    static final String HELP = """
            usage: kubectl paralleljob COMMAND NAME [-n NAMESPACE] [options]

              get NAME            phase, progress, timing, failed indexes, conditions, where the results are
              results NAME        every item's latest outcome from the results ledger, reruns merged
                                  [--failed] [-o jsonl|csv|table] (see results --help)
              logs NAME           the logs of the job's worker pods that still exist, each line
                                  prefixed with its pod [--tail N]
              rerun NAME          create a ParallelJob that runs again exactly NAME's failed items
                                  (spec.itemsFrom.failedOf), same template [--name NEW]
              -n, --namespace NS  the job's namespace (default: the kubeconfig context's)
              -h, --help          this help

            The cluster is the one kubectl uses (KUBECONFIG, ~/.kube/config).
            Exit codes: 0 done; 1 the job or its results could not be read or created; 2 invalid arguments.""";

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<KubernetesClient> cluster;

    public PluginCommand(PrintStream out, PrintStream err) {
        this(out, err, ResultsCommand::terminalClient);
    }

    public PluginCommand(PrintStream out, PrintStream err, Supplier<KubernetesClient> cluster) {
        this.out = out;
        this.err = err;
        this.cluster = cluster;
    }

    public int run(String... args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.println(HELP);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("results")) {
            return new ResultsCommand(out, err, cluster).run(rest);
        }
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println(HELP);
            return EXIT_OK;
        }
        PluginOptions options;
        try {
            options = PluginOptions.parse(args[0], rest);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage() + "\n" + HELP.lines().findFirst().orElseThrow());
            return EXIT_USAGE;
        }
        try (KubernetesClient client = cluster.get()) {
            String ns = options.namespace() != null ? options.namespace() : client.getNamespace();
            ns = ns == null ? "default" : ns;
            return switch (options.command()) {
                case "get" -> new JobSummary(client, ns, out, err).print(options.job());
                case "logs" -> new WorkerLogs(client, ns, out, err).print(options.job(), options.tail());
                case "rerun" -> new FailedRerun(client, ns, out, err).create(options.job(), options.newName());
                default -> throw new IllegalStateException(options.command());
            };
        } catch (io.paralleljob.results.NoClusterConfigured e) {
            err.println("error: " + e.getMessage());
            return EXIT_FAILED;
        } catch (KubernetesClientException e) {
            // Fabric8's own message names only the operation; the cause says what went wrong.
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            err.println("error: the cluster refused or could not be reached: " + firstLine(e.getMessage())
                    + (cause == e ? "" : " (" + firstLine(cause.toString()) + ")"));
            return EXIT_FAILED;
        }
    }

    static String firstLine(String s) {
        return s == null ? "no message" : s.lines().findFirst().orElse(s);
    }
}
