package io.paralleljob.operator.startup;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.paralleljob.kubeconfig.Kubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Before the operator boots: can it reach its cluster, is the CRD there, may it watch what it
 * must? Each failure is one line naming the cause and the fix, in seconds, instead of a framework
 * that boots, retries for twenty seconds and dies with pages of stack trace. The operator then
 * boots with the same configuration the check used (Quarkus' api-server-url if set, else the
 * client's own: KUBECONFIG, ~/.kube/config, or the pod's service account).
 */
public final class Preflight {
    static final String API_SERVER_URL = "quarkus.kubernetes-client.api-server-url";
    static final String TRUST_CERTS = "quarkus.kubernetes-client.trust-certs";
    static final String WATCHED = "quarkus.operator-sdk.controllers.paralleljob.namespaces";

    private Preflight() {
    }

    public static Optional<StartupProblem> check(StartupEnvironment environment) {
        String url = environment.quarkus(API_SERVER_URL);
        Config config;
        if (url != null) {
            config = new ConfigBuilder(Config.empty()).withMasterUrl(url)
                    .withTrustCerts(Boolean.parseBoolean(environment.quarkus(TRUST_CERTS))).build();
        } else {
            List<Path> files = Kubeconfig.files(environment.env(), environment.home());
            boolean inCluster = environment.env("KUBERNETES_SERVICE_HOST") != null;
            if (files.isEmpty() && !inCluster) {
                return Optional.of(new StartupProblem("no cluster to run the operator against: set KUBECONFIG, create "
                        + "~/.kube/config, or run it in a cluster (to run a job on this machine: run FILE)"));
            }
            if (!files.isEmpty()) {
                Optional<String> bad = Kubeconfig.problem(files, environment.env("KUBECONFIG") != null);
                if (bad.isPresent()) {
                    return Optional.of(new StartupProblem(bad.get()));
                }
            }
            config = files.size() == 1 && Files.isRegularFile(files.get(0))
                    ? Config.fromKubeconfig(null, files.get(0).toFile()) : Config.autoConfigure(null);
        }
        return ClusterAccessCheck.check(config, watched(environment, config));
    }

    /** The namespaces the controller watches, as the operator SDK reads its setting; empty for all. */
    static List<String> watched(StartupEnvironment environment, Config config) {
        String value = environment.quarkus(WATCHED);
        if (value == null || value.equals("JOSDK_ALL_NAMESPACES")) {
            return List.of();
        }
        if (value.equals("JOSDK_WATCH_CURRENT")) {
            return List.of(config.getNamespace() == null ? "default" : config.getNamespace());
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
