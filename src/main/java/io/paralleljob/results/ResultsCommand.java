package io.paralleljob.results;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.model.LatestResults;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * {@code results NAME [-n NS] | --file PATH [--failed] [-o jsonl|csv|table]}: every item's latest
 * outcome, from a cluster job's results ledger or a local --results file. Holds one row per index,
 * never the input: rows are read a line (a file) or a chunk (a ConfigMap) at a time.
 */
public final class ResultsCommand {
    public static final int EXIT_PRINTED = 0;
    public static final int EXIT_UNREADABLE = 1;
    public static final int EXIT_USAGE = 2;

    /**
     * Fabric8 warns on every use of a v1alpha1 resource; for a user of this command that is noise on
     * stderr, so it is silenced (held here: the logging framework keeps loggers only weakly).
     */
    private static final java.util.logging.Logger UNSTABLE_VERSION_NOTE = java.util.logging.Logger.getLogger(
            "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils");

    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<KubernetesClient> cluster;

    public ResultsCommand(PrintStream out, PrintStream err) {
        this(out, err, ResultsCommand::terminalClient);
    }

    /**
     * A client for a command at a terminal: the kubeconfig as kubectl finds it (KUBECONFIG,
     * ~/.kube/config, or a pod's service account), failing fast: no retries with backoff (25 s)
     * against an unreachable server. The kubectl plugin uses it too.
     */
    public static KubernetesClient terminalClient() {
        KubeconfigLookup.problem(System.getenv(), Path.of(System.getProperty("user.home"))).ifPresent(p -> {
            throw new NoClusterConfigured(p);
        });
        return new KubernetesClientBuilder().withConfig(new io.fabric8.kubernetes.client.ConfigBuilder(
                io.fabric8.kubernetes.client.Config.autoConfigure(null)).withConnectionTimeout(5_000)
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    /** @param cluster the client for a cluster job, made only when one is asked for */
    public ResultsCommand(PrintStream out, PrintStream err, Supplier<KubernetesClient> cluster) {
        this.out = out;
        this.err = err;
        this.cluster = cluster;
    }

    public int run(String... args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(ResultsOptions.HELP);
            return EXIT_PRINTED;
        }
        ResultsOptions options;
        try {
            options = ResultsOptions.parse(args);
        } catch (ResultsOptions.UsageException e) {
            err.println("error: " + e.getMessage());
            return EXIT_USAGE;
        }
        LatestResults rows;
        try {
            rows = options.file() != null ? FileResults.read(options.file(), this::warn) : fromCluster(options);
        } catch (ResultsUnreadable e) {
            err.println("error: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        try {
            RowFormat.print(RowFormat.named(options.output(), rows, options.failedOnly()), rows, options.failedOnly(),
                    w);
        } catch (UncheckedIOException e) {
            return EXIT_UNREADABLE; // stdout closed (results … | head): nothing more to say
        }
        return EXIT_PRINTED;
    }

    private LatestResults fromCluster(ResultsOptions options) {
        UNSTABLE_VERSION_NOTE.setLevel(java.util.logging.Level.SEVERE);
        KubernetesClient client;
        try {
            client = cluster.get();
        } catch (KubernetesClientException e) {
            throw new ResultsUnreadable("cannot reach a cluster: " + e.getMessage());
        }
        try (client) {
            String ns = options.namespace() != null ? options.namespace()
                    : client.getNamespace() != null ? client.getNamespace() : "default";
            return new ClusterResults(client, ns, this::warn).read(options.job());
        } catch (KubernetesClientException e) {
            throw new ResultsUnreadable("cannot read from the cluster at " + client.getMasterUrl() + ": "
                    + ClusterResults.why(e));
        }
    }

    private void warn(String message) {
        err.println("warning: " + message);
    }
}
