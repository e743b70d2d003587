package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The error path: a transient API failure is retried by the framework with backoff, so the job
 * recovers in about a second instead of after a fixed wait, and the failure is told in an Event.
 * Each test uses a namespace of its own, so the canned failure meets its own job's request.
 */
@QuarkusTest
@TestProfile(FaultRecoveryTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class FaultRecoveryTest extends OperatorTestBase {
    public static class OwnApp implements QuarkusTestProfile {
    }

    /** Well below the 30 s the error path used to wait, well above a retry's half second on a busy machine. */
    private static final Duration RECOVERY = Duration.ofSeconds(15);

    /** 403 as a ResourceQuota answers it: the client does not retry it itself, so the reconciler's error path must. */
    @Test
    void aPodCreateRefusedByAQuotaIsRetriedAtOnce() {
        String ns = "faults-create";
        server.expect().post().withPath("/api/v1/namespaces/" + ns + "/pods").andReturn(403, failure(403,
                "pods \"quota-0-0\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=10, limited: pods=10"))
                .once();
        runAndRecover(ns, "quota");
        assertTrue(warnings(ns, "quota").stream().anyMatch(e -> e.getReason().equals("ReconcileError")
                && e.getMessage().contains("exceeded quota")), "the failure is told: " + warnings(ns, "quota"));
    }

    @Test
    void aStatusWriteAnswered500IsRetriedAtOnce() {
        String ns = "faults-status";
        server.expect().put().withPath("/apis/paralleljob.io/v1alpha1/namespaces/" + ns + "/paralleljobs/status500/status")
                .andReturn(500, failure(500, "the server is shutting down")).once();
        runAndRecover(ns, "status500");
    }

    @Test
    void aStatusWriteAnswered409IsWrittenAgain() {
        String ns = "faults-conflict";
        server.expect().put().withPath("/apis/paralleljob.io/v1alpha1/namespaces/" + ns + "/paralleljobs/conflict/status")
                .andReturn(409, failure(409, "the object has been modified")).once();
        runAndRecover(ns, "conflict");
    }

    private void runAndRecover(String ns, String name) {
        ParallelJob j = job(name, "IOBound", 2, 4, "sh", "-c", "echo $PJ_ITEM");
        j.getMetadata().setNamespace(ns);
        TestKubelet own = kubeletFor(ns);
        try {
            user.resource(j).create();
            long start = System.nanoTime();
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> {
                ParallelJob now = user.resources(ParallelJob.class).inNamespace(ns).withName(name).get();
                return now.getStatus() != null && "Succeeded".equals(now.getStatus().getPhase());
            });
            ParallelJob done = user.resources(ParallelJob.class).inNamespace(ns).withName(name).get();
            assertEquals(4, done.getStatus().getResults().size(), "every item's result, once");
            assertTrue(done.getStatus().getConditions().stream().noneMatch(c -> c.getType().equals("ReconcileError")),
                    "the error condition is gone once a reconciliation succeeds");
            System.out.printf("%s: recovered to Succeeded in %d ms%n", name, (System.nanoTime() - start) / 1_000_000);
        } finally {
            own.close();
        }
    }

    private TestKubelet kubeletFor(String ns) {
        try {
            return new TestKubelet(as("test-kubelet"), server, ns);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<Event> warnings(String ns, String job) {
        return user.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> job.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())).toList();
    }

    private static io.fabric8.kubernetes.api.model.Status failure(int code, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withMessage(message).build();
    }
}
