package io.paralleljob.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `results NAME` and the kubectl plugin name a missing kubeconfig instead of failing on kubernetes.default.svc. */
class KubeconfigLookupTest {
    @TempDir
    Path home;

    @Test
    void aKubeconfigVariableNamingNoFileIsNamedWithTheFix() {
        String p = KubeconfigLookup.problem(Map.of("KUBECONFIG", "/nonexistent"), home).orElseThrow();
        assertEquals("KUBECONFIG names /nonexistent, which does not exist: point KUBECONFIG at your cluster's "
                + "kubeconfig file, or unset it to use ~/.kube/config", p);
    }

    @Test
    void noKubeconfigAnywhereOutsideAPodIsSaid() {
        String p = KubeconfigLookup.problem(Map.of(), home).orElseThrow();
        assertTrue(p.startsWith("no kubeconfig: " + home.resolve(".kube/config") + " does not exist"), p);
    }

    @Test
    void aFoundKubeconfigOrAPodsServiceAccountIsFine() throws Exception {
        assertTrue(KubeconfigLookup.problem(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), home).isEmpty());
        Files.createDirectories(home.resolve(".kube"));
        Files.writeString(home.resolve(".kube/config"), """
                apiVersion: v1
                clusters: [{name: c, cluster: {server: "https://example.test"}}]
                contexts: [{name: x, context: {cluster: c}}]
                current-context: x
                """);
        assertTrue(KubeconfigLookup.problem(Map.of(), home).isEmpty());
        assertTrue(KubeconfigLookup.problem(Map.of("KUBECONFIG", "/nonexistent:" + home.resolve(".kube/config")), home)
                .isEmpty(), "one existing file of several is enough, as for kubectl");
    }
}
