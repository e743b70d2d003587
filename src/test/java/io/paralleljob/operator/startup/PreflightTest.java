package io.paralleljob.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapListBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's start-up check: every way of not reaching a usable cluster is one line, in seconds. */
class PreflightTest {
    private static final String JOBS = "/apis/paralleljob.io/v1alpha1/paralleljobs?limit=1";
    private static final String PODS = "/api/v1/pods?limit=1";
    private static final String CONFIGMAPS = "/api/v1/configmaps?limit=1";

    @TempDir
    Path home;

    private KubernetesMockServer server;

    @BeforeEach
    void startServer() {
        server = new KubernetesMockServer(false);
        server.init();
    }

    @AfterEach
    void stopServer() {
        server.destroy();
    }

    private static StartupEnvironment env(Map<String, String> env, Path home) {
        return new StartupEnvironment(env, new Properties(), home);
    }

    /** The mock server, named as Quarkus' tests name it: quarkus.kubernetes-client.api-server-url. */
    private StartupEnvironment mock(String watched) {
        Properties p = new Properties();
        p.setProperty(Preflight.API_SERVER_URL, server.url("/"));
        if (watched != null) {
            p.setProperty(Preflight.WATCHED, watched);
        }
        return new StartupEnvironment(Map.of(), p, home);
    }

    private String problem(StartupEnvironment environment) {
        long start = System.nanoTime();
        Optional<StartupProblem> p = Preflight.check(environment);
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds to answer").isLessThan(8.0);
        assertThat(p).as("a problem").isPresent();
        assertThat(p.get().message()).as("one line").doesNotContain("\n");
        return p.get().message();
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder().withCode(code).withReason(reason).withMessage(message).build();
    }

    private void answer(String path, int code, Object body) {
        server.expect().get().withPath(path).andReturn(code, body).always();
    }

    private void allowPodsAndConfigMaps() {
        answer(PODS, 200, new PodListBuilder().build());
        answer(CONFIGMAPS, 200, new ConfigMapListBuilder().build());
    }

    private Path kubeconfig(String text) throws IOException {
        Path f = home.resolve("config-" + System.nanoTime());
        Files.writeString(f, text);
        return f;
    }

    private static String kubeconfigFor(String server) {
        return """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "%s"}}]
                contexts: [{name: x, context: {cluster: c, user: u, namespace: default}}]
                users: [{name: u, user: {token: abc}}]
                current-context: x
                """.formatted(server);
    }

    @Test
    void noConfigurationAtAll() {
        assertThat(problem(env(Map.of(), home))).startsWith("no cluster to run the operator against")
                .contains("KUBECONFIG", "~/.kube/config");
    }

    @Test
    void aMissingKubeconfigFileIsNamed() {
        assertThat(problem(env(Map.of("KUBECONFIG", "/nonexistent"), home)))
                .isEqualTo("KUBECONFIG names /nonexistent, which does not exist: point KUBECONFIG at your cluster's "
                        + "kubeconfig file, or unset it to use ~/.kube/config");
    }

    @Test
    void aDirectoryIsNotAKubeconfig() {
        assertThat(problem(env(Map.of("KUBECONFIG", home.toString()), home))).contains(home.toString())
                .contains("is not a file");
    }

    @Test
    void aKubeconfigThatDoesNotParse() throws IOException {
        Path garbage = kubeconfig("clusters: [{name: c\n  ::: {{{\n");
        assertThat(problem(env(Map.of("KUBECONFIG", garbage.toString()), home)))
                .startsWith("kubeconfig " + garbage + " does not parse (").contains("kubectl config view");
        Path text = kubeconfig("just some words\n");
        assertThat(problem(env(Map.of("KUBECONFIG", text.toString()), home))).contains("is not a kubeconfig");
    }

    @Test
    void aKubeconfigWithoutACurrentContext() throws IOException {
        Path f = kubeconfig(kubeconfigFor("https://127.0.0.1:6443").replace("current-context: x\n", ""));
        assertThat(problem(env(Map.of("KUBECONFIG", f.toString()), home))).contains("sets no current-context")
                .contains("kubectl config use-context");
    }

    @Test
    void theDefaultKubeconfigIsCheckedToo() throws IOException {
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), "{{{ nope");
        assertThat(problem(env(Map.of(), home))).startsWith("kubeconfig " + home.resolve(".kube/config")
                + " does not parse");
    }

    @Test
    void anUnreachableServerIsToldInSeconds() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path f = kubeconfig(kubeconfigFor("http://127.0.0.1:" + closed));
        assertThat(problem(env(Map.of("KUBECONFIG", f.toString()), home)))
                .isEqualTo("cannot reach the Kubernetes API server at http://127.0.0.1:" + closed + "/ (connection "
                        + "refused): is the cluster running, and is it the one you mean? (kubectl cluster-info shows "
                        + "what kubectl reaches)");
    }

    @Test
    void aMissingCrdSaysToInstallIt() {
        answer(JOBS, 404, status(404, "NotFound", "the server could not find the requested resource"));
        assertThat(problem(mock(null))).isEqualTo("the API server at " + server.url("/") + " has no ParallelJob "
                + "resource (404 for paralleljob.io/v1alpha1 paralleljobs): install the CRD first: kubectl apply -f crds/");
    }

    @Test
    void aMissingPermissionNamesTheResourceAndTheServersWords() {
        String denied = "paralleljobs.paralleljob.io is forbidden: User \"system:serviceaccount:x:op\" cannot list "
                + "resource \"paralleljobs\" in API group \"paralleljob.io\" at the cluster scope";
        answer(JOBS, 403, status(403, "Forbidden", denied));
        assertThat(problem(mock(null))).isEqualTo("the API server at " + server.url("/") + " does not let the operator "
                + "list paralleljobs in all namespaces (403 Forbidden: " + denied + "): grant its account the "
                + "operator's RBAC (helm install sets it up, or kubectl apply -f k8s/; README: Permissions)");
    }

    @Test
    void podsArePermissionsTooInTheWatchedNamespaces() {
        answer("/apis/paralleljob.io/v1alpha1/namespaces/team-a/paralleljobs?limit=1", 200,
                "{\"apiVersion\": \"paralleljob.io/v1alpha1\", \"kind\": \"ParallelJobList\", \"items\": []}");
        answer("/api/v1/namespaces/team-a/pods?limit=1", 403, status(403, "Forbidden", "pods is forbidden"));
        assertThat(problem(mock("team-a"))).contains("does not let the operator list pods in namespace team-a")
                .contains("pods is forbidden");
    }

    @Test
    void badCredentials() {
        answer(JOBS, 401, status(401, "Unauthorized", "Unauthorized"));
        assertThat(problem(mock(null))).contains("refused the credentials (401 Unauthorized)");
    }

    @Test
    void aClusterThatHasEverythingPasses() {
        answer(JOBS, 200, "{\"apiVersion\": \"paralleljob.io/v1alpha1\", \"kind\": \"ParallelJobList\", \"items\": []}");
        allowPodsAndConfigMaps();
        assertThat(Preflight.check(mock("JOSDK_ALL_NAMESPACES"))).isEmpty();
        assertThat(Preflight.check(mock(null))).isEmpty();
    }
}
