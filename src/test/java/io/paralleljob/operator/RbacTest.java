package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.deploy.Tools;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked both ways: the operator runs through every kind of job life (Auto, pods killed and replaced, an invalid spec, a job past its deadline, a job deleted mid-run,
 * a finished job deleted by its ttlSecondsAfterFinished, leader election), every
 * API request it makes is recorded as (group, resource, verb), and that set must equal what the
 * Helm chart's roles grant: nothing the code calls is missing, nothing granted goes unused.
 */
@QuarkusTest
@TestProfile(WithLeaderElection.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrdAndAnswerAccessReview.class)
class RbacTest extends OperatorTestBase {
    /**
     * Granted though never called here: the API server demands the first to set blockOwnerDeletion
     * on worker pods' owner references; the Java Operator SDK checks the second before it starts
     * leader election (the client then patches the Lease); the third updates a recurring event's
     * count, only when a message comes back after another one (EventRecorderTest covers it).
     */
    static final Set<String> GRANTED_WITHOUT_CALL = Set.of("paralleljob.io paralleljobs/finalizers update",
            "coordination.k8s.io leases update", "core events patch");
    private static final Pattern PATH = Pattern.compile(
            "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([a-z]+)(?:/([^/?]+)(?:/([a-z]+))?)?(?:\\?(.*))?$");

    @Test
    void theChartGrantsExactlyWhatTheOperatorCalls() throws Exception {
        kubelet.oomKillAfter("rbac-burn-auto-0", 1);
        create(job("rbac-burn", "Auto", 2, 8, "sh", "-c", "sleep 0.2; echo $PJ_ITEM"));
        create(job("rbac-bad", "IOBound", 0, 3, "true"));
        create(job("rbac-gone", "IOBound", 1, 20, "sh", "-c", "sleep 0.3; echo $PJ_ITEM"));
        // Past its deadline with its pod running: the pod is stopped, by name (a finished job's
        // pods go in one request by label).
        ParallelJob late = job("rbac-late", "IOBound", 1, 1, "sleep", "60");
        late.getSpec().setActiveDeadlineSeconds(2L);
        create(late);
        // Deleted by the operator itself once finished: the one call on a ParallelJob that is not
        // the user's (the chart once lacked it, so TTL met a 403 on a real cluster).
        ParallelJob ttl = job("rbac-ttl", "IOBound", 1, 1, "true");
        ttl.getSpec().setTtlSecondsAfterFinished(1L);
        create(ttl);
        awaitPhase("rbac-burn", "Succeeded");
        awaitPhase("rbac-bad", "Failed");
        awaitPhase("rbac-late", "Failed");
        kubelet.awaitLogLines(NS, "rbac-gone-0-0", 1);
        user.resources(ParallelJob.class).inNamespace(NS).withName("rbac-gone").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("rbac-gone") == null);
        await().atMost(Duration.ofSeconds(20)).until(() -> get("rbac-ttl") == null);
        await().atMost(Duration.ofSeconds(20)).until(() -> pods("rbac-burn").stream().allMatch(
                p -> p.getMetadata().getFinalizers() == null || p.getMetadata().getFinalizers().isEmpty()));

        Set<String> called = new TreeSet<>();
        for (RecordedRequest r; (r = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            if (!String.valueOf(r.getHeader("User-Agent")).startsWith("test-") && r.getPath().startsWith("/api")
                    && !r.getPath().startsWith("/apis/authorization.k8s.io")) { // self-review: every user may
                called.add(permission(r.getMethod(), r.getPath()));
            }
        }
        Set<String> granted = new TreeSet<>();
        for (JsonNode doc : Tools.render()) {
            String kind = doc.path("kind").asText();
            if (kind.equals("ClusterRole") || kind.equals("Role")) {
                for (JsonNode rule : doc.path("rules")) {
                    for (JsonNode g : rule.path("apiGroups")) {
                        for (JsonNode res : rule.path("resources")) {
                            for (JsonNode verb : rule.path("verbs")) {
                                granted.add((g.asText().isEmpty() ? "core" : g.asText()) + " " + res.asText() + " "
                                        + verb.asText());
                            }
                        }
                    }
                }
            }
        }
        Files.writeString(Path.of("target", "rbac-observed.txt"), String.join("\n", called) + "\n");
        Set<String> missing = new TreeSet<>(called);
        missing.removeAll(granted);
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        unused.removeAll(GRANTED_WITHOUT_CALL);
        assertEquals(Set.of(), missing, "the operator calls what the chart does not grant");
        assertEquals(Set.of(), unused, "the chart grants what the operator never calls; observed: " + called);
    }

    /** "PATCH /api/v1/namespaces/jobs/pods/x-0-0" -> "core pods patch". */
    static String permission(String method, String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new AssertionError("unexpected API path " + path);
        }
        String group = m.group(1) == null ? "core" : m.group(1);
        String resource = m.group(2) + (m.group(4) == null ? "" : "/" + m.group(4));
        boolean named = m.group(3) != null;
        String query = m.group(5) == null ? "" : m.group(5);
        String verb = switch (method) {
            case "GET" -> !named ? (query.contains("watch=true") ? "watch" : "list") : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new AssertionError(method + " " + path);
        };
        return group + " " + resource + " " + verb;
    }

    @Test
    void pathsMapToPermissions() {
        assertEquals("core pods/log get", permission("GET", "/api/v1/namespaces/a/pods/p-0-0/log?container=worker"));
        assertEquals("core pods list", permission("GET", "/api/v1/pods?labelSelector=paralleljob.io%2Fjob"));
        assertEquals("core pods watch", permission("GET", "/api/v1/pods?labelSelector=x&watch=true"));
        assertEquals("paralleljob.io paralleljobs/status update",
                permission("PUT", "/apis/paralleljob.io/v1alpha1/namespaces/a/paralleljobs/j/status"));
        assertEquals("coordination.k8s.io leases update",
                permission("PUT", "/apis/coordination.k8s.io/v1/namespaces/o/leases/l"));
        assertEquals("core pods deletecollection", permission("DELETE", "/api/v1/namespaces/a/pods?labelSelector=x"));
        // A path it cannot read is an error, never silently a permission nobody grants.
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> permission("GET", "/healthz"));
    }
}
