package io.paralleljob.operator.startup;

import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.api.ParallelJob;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks the API server, once and quickly, for what the operator's informers will need: the
 * ParallelJob resource (is the CRD installed?), and lists of ParallelJobs, pods and ConfigMaps in
 * the namespaces it watches (may it?). The informers' own failure for any of these comes after the
 * framework has booted, as pages of stack trace; here it is one line with the fix. One try, short
 * timeouts, no retries: this runs before anything else and must answer within seconds.
 */
final class ClusterAccessCheck {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int REQUEST_TIMEOUT_MILLIS = 10_000;
    private static final ListOptions ONE = new ListOptionsBuilder().withLimit(1L).build();

    private ClusterAccessCheck() {
    }

    /** @param namespaces the watched namespaces; empty means all */
    static Optional<StartupProblem> check(Config base, List<String> namespaces) {
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(base)
                .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .withRequestRetryBackoffLimit(0)
                .build();
        String server = config.getMasterUrl();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            List<Probe> probes = List.of(
                    new Probe("paralleljobs", ns -> ns == null ? client.resources(ParallelJob.class).inAnyNamespace().list(ONE)
                            : client.resources(ParallelJob.class).inNamespace(ns).list(ONE)),
                    new Probe("pods", ns -> ns == null ? client.pods().inAnyNamespace().list(ONE)
                            : client.pods().inNamespace(ns).list(ONE)),
                    new Probe("configmaps", ns -> ns == null ? client.configMaps().inAnyNamespace().list(ONE)
                            : client.configMaps().inNamespace(ns).list(ONE)));
            for (Probe probe : probes) {
                for (String ns : namespaces.isEmpty() ? java.util.Collections.<String>singletonList(null) : namespaces) {
                    try {
                        var unused = probe.list().apply(ns); // the answer is all we ask for
                    } catch (KubernetesClientException e) {
                        return Optional.of(new StartupProblem(explain(e, server, probe.resource(), ns)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private record Probe(String resource, Function<String, Object> list) {
    }

    static String explain(KubernetesClientException e, String server, String resource, String namespace) {
        String where = namespace == null ? "in all namespaces" : "in namespace " + namespace;
        String said = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : null;
        // no HTTP answer at all (the client's code is then 0 or -1): the server was not reached
        return switch (e.getCode() > 0 ? e.getCode() : 0) {
            case 404 -> resource.equals("paralleljobs")
                    ? "the API server at " + server + " has no ParallelJob resource (404 for " + ParallelJob.API_VERSION
                            + " paralleljobs): install the CRD first: kubectl apply -f crds/"
                    : "the API server at " + server + " answered 404 to a list of " + resource + " " + where
                            + (said == null ? "" : ": " + said);
            case 403 -> "the API server at " + server + " does not let the operator list " + resource + " " + where
                    + " (403 Forbidden" + (said == null ? "" : ": " + said) + "): grant its account the operator's RBAC "
                    + "(helm install sets it up, or kubectl apply -f k8s/; README: Permissions)";
            case 401 -> "the API server at " + server + " refused the credentials (401 Unauthorized): the kubeconfig's "
                    + "user or token is not valid there; log in again (kubectl get pods shows the same)";
            case 0 -> "cannot reach the Kubernetes API server at " + server + " (" + unreachable(e) + "): is the "
                    + "cluster running, and is it the one you mean? (kubectl cluster-info shows what kubectl reaches)";
            default -> "the API server at " + server + " answered " + e.getCode() + " to a list of " + resource + " "
                    + where + (said == null ? "" : ": " + said);
        };
    }

    /** The network failure in a few words: unknown host, connection refused, timed out. */
    private static String unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.http.HttpTimeoutException) {
                return "no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s";
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return "TLS failed: " + t.getMessage();
            }
            if (t instanceof IOException && t.getCause() == null) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return String.valueOf(e.getMessage());
    }
}
