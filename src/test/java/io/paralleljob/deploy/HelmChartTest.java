package io.paralleljob.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The Helm chart, linted and rendered with the real helm binary. */
class HelmChartTest {

    @Test
    void lintsCleanly() {
        String out = Tools.run(List.of(Tools.helm(), "lint", "--strict", "helm/parallel-job-operator"));
        assertTrue(out.contains("0 chart(s) failed"), out);
    }

    @Test
    void defaultRenderingIsAClusterWideOperatorWithProbesAndNoRoot() {
        List<JsonNode> docs = Tools.render();
        Tools.find(docs, "ServiceAccount", "parallel-job-operator");
        Tools.find(docs, "ClusterRoleBinding", "parallel-job-operator");
        Tools.find(docs, "Service", "parallel-job-operator-metrics");
        JsonNode deployment = Tools.find(docs, "Deployment", "parallel-job-operator");
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode c = pod.path("containers").get(0);
        assertEquals("paralleljob/operator:0.1.0", c.path("image").asText());
        assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText());
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        Map<String, String> env = env(c);
        assertEquals("paralleljob/runner:0.1.0", env.get("PARALLELJOB_RUNNER_IMAGE"));
        assertEquals("JOSDK_ALL_NAMESPACES", env.get("QUARKUS_OPERATOR_SDK_CONTROLLERS_PARALLELJOB_NAMESPACES"));
    }

    @Test
    void watchingNamespacesGrantsRolesThereAndNothingClusterWide() {
        List<JsonNode> docs = Tools.render("--set", "watchNamespaces={team-a,team-b}");
        assertTrue(docs.stream().noneMatch(d -> d.path("kind").asText().startsWith("Cluster")),
                "no cluster-wide permission when namespaces are listed");
        for (String ns : List.of("team-a", "team-b")) {
            assertTrue(docs.stream().anyMatch(d -> d.path("kind").asText().equals("Role")
                    && d.path("metadata").path("namespace").asText().equals(ns)), "Role in " + ns);
            assertTrue(docs.stream().anyMatch(d -> d.path("kind").asText().equals("RoleBinding")
                    && d.path("metadata").path("namespace").asText().equals(ns)), "RoleBinding in " + ns);
        }
        JsonNode c = Tools.find(docs, "Deployment", null).path("spec").path("template").path("spec")
                .path("containers").get(0);
        assertEquals("team-a,team-b", env(c).get("QUARKUS_OPERATOR_SDK_CONTROLLERS_PARALLELJOB_NAMESPACES"));
    }

    @Test
    void valuesReachTheOperator() {
        List<JsonNode> docs = Tools.render("--set", "worker.resources.cpuLimit=2", "--set", "logLevel=DEBUG",
                "--set", "replicaCount=2", "--set", "image.tag=1.2.3");
        JsonNode deployment = Tools.find(docs, "Deployment", null);
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        JsonNode c = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertEquals("paralleljob/operator:1.2.3", c.path("image").asText());
        assertEquals("2", env(c).get("PARALLELJOB_WORKER_CPU_LIMIT"));
        assertEquals("DEBUG", env(c).get("QUARKUS_LOG_LEVEL"));
    }

    @Test
    void chartCrdIsTheGeneratedOne() throws Exception {
        assertEquals(Files.readString(Path.of("crds/paralleljobs.paralleljob.io-v1.yml")),
                Files.readString(Path.of("helm/parallel-job-operator/crds/paralleljobs.paralleljob.io-v1.yml")));
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        StreamSupport.stream(container.path("env").spliterator(), false)
                .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText(null)));
        return env;
    }
}
