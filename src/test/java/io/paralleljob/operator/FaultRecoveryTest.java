package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.LedgerChunk;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The error path: a transient API failure is retried (by the client for 5xx and 429, by the
 * framework with backoff for the rest), so the job recovers within seconds of the fault clearing
 * instead of after a fixed wait, nothing runs twice and no result is lost or doubled. Each test
 * uses a namespace of its own, so a fault meets its own job's requests only.
 */
@QuarkusTest
@TestProfile(FaultRecoveryTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class FaultRecoveryTest extends OperatorTestBase {
    public static class OwnApp implements QuarkusTestProfile {
    }

    /** Well below the 30 s the error path used to wait, well above a few retries on a busy machine. */
    static final Duration RECOVERY = Duration.ofSeconds(10);
    static final String FINAL_STATUS = "\"phase\":\"Succeeded\"";

    ApiFaults faults;

    @BeforeEach
    void installFaults() {
        faults = ApiFaults.install(server);
    }

    @AfterEach
    void removeFaults() {
        faults.close();
    }

    /** 403 as a ResourceQuota answers it: the client does not retry it itself, so the reconciler's error path must. */
    @Test
    void aPodCreateRefusedByAQuotaIsRetriedAtOnce() {
        String ns = "faults-create";
        server.expect().post().withPath("/api/v1/namespaces/" + ns + "/pods").andReturn(403, failure(403,
                "pods \"quota-0-0\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=10, limited: pods=10"))
                .once();
        new FaultRun(this, ns, "quota").run(null);
        assertTrue(warnings(ns, "quota").stream().anyMatch(e -> e.getReason().equals("ReconcileError")
                && e.getMessage().contains("exceeded quota")), "the failure is told: " + warnings(ns, "quota"));
    }

    /** Refused three times: the framework's backoff (0.5, 1, 2 s), not 30 s between tries. */
    @Test
    void aPodCreateRefusedThreeTimesIsRetriedWithBackoff() {
        String ns = "faults-create3";
        FaultRule rule = faults.refuse("POST", "/namespaces/" + ns + "/pods$", 403, 3);
        new FaultRun(this, ns, "quota3").run(rule);
        List<Long> gaps = FaultRun.gapsMillis(rule.hits);
        System.out.println("quota3: 403 answers " + gaps + " ms apart");
        assertTrue(gaps.stream().allMatch(g -> g < 5_000), "retried within seconds each time: " + gaps);
    }

    @Test
    void aPodCreateAnsweredTooManyRequestsIsRetried() {
        String ns = "faults-429";
        new FaultRun(this, ns, "busy").run(faults.refuse("POST", "/namespaces/" + ns + "/pods$", 429, 2));
    }

    /** The pod is stored but the answer is an error: the retry finds the name taken, and no second pod is made. */
    @Test
    void aPodCreateWhoseAnswerIsLostMakesNoSecondPod() {
        String ns = "faults-lost-pod";
        new FaultRun(this, ns, "lostpod").run(faults.loseAnswer("POST", "/namespaces/" + ns + "/pods$", 500, 1));
    }

    @Test
    void aStatusWriteAnswered500IsRetriedAtOnce() {
        String ns = "faults-status";
        new FaultRun(this, ns, "status500").run(faults.refuse("PUT", "/paralleljobs/status500/status$", 500, 1));
    }

    @Test
    void aStatusWriteAnswered409IsWrittenAgain() {
        String ns = "faults-conflict";
        new FaultRun(this, ns, "conflict").run(faults.refuse("PUT", "/paralleljobs/conflict/status$", 409, 1));
    }

    /** Once made the job finish 32 s late: the conflict waited for the framework's flat 30 s reschedule. */
    @Test
    void theFinalStatusWriteAnswered409IsWrittenAgainWithinSeconds() {
        String ns = "faults-final409";
        new FaultRun(this, ns, "final409").run(faults.refuseWhenBody("PUT", "/paralleljobs/final409/status$",
                FINAL_STATUS, 409, 1));
    }

    /** Stored, then answered 500: the client's own retry meets a conflict with its own write. */
    @Test
    void theFinalStatusWriteStoredButAnswered500LeavesOneFinalStatus() {
        String ns = "faults-final500";
        new FaultRun(this, ns, "final500").run(faults.loseAnswer("PUT", "/paralleljobs/final500/status$", 500, 1));
    }

    /** A ledger chunk stored but answered 500: the client's own retry must not store the same results again. */
    @Test
    void aLedgerWriteWhoseAnswerIsLostRecordsEachResultOnce() {
        String ns = "faults-ledger";
        new FaultRun(this, ns, "ledger").run(faults.loseAnswerWhenBody("POST", "/namespaces/" + ns + "/configmaps$",
                LedgerChunk.LABEL, 500, 1));
    }

    /** Deleted while its pods run, and the first finalizer release refused: the cleanup is retried, no pod is kept. */
    @Test
    void aJobDeletedMidRunLetsGoOfEveryPodThoughAReleaseIsRefused() throws Exception {
        String ns = "faults-delete";
        try (TestKubelet own = new TestKubelet(as("test-kubelet"), server, ns); Gate gate = new Gate()) {
            ParallelJob j = job("gone", "CPUBound", 3, 6, gate.command("echo $PJ_ITEM"));
            j.getMetadata().setNamespace(ns);
            user.resource(j).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> own.started.size() == 3);
            FaultRule refused = faults.refuse("PATCH", "/namespaces/" + ns + "/pods/", 403, 1);
            JobOutcome outcome = new JobOutcome(user, ns, "gone");
            user.resource(j).delete();
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(50)).until(() -> outcome.job() == null);
            System.out.printf("gone: release retried %d ms after the refusal, job gone %d ms after it%n",
                    refused.retryMillis(), (System.nanoTime() - refused.cleared()) / 1_000_000);
            assertTrue(refused.spent(), "the release was refused once: " + refused.hits);
            outcome.assertNoFinalizerLeft();
            // No garbage collector here: the pods outlive the job, so the check above is not vacuous.
            assertEquals(3, outcome.pods().size(), "no pod was created after the deletion");
            assertEquals(3, own.started.size());
        }
    }

    /**
     * One job's API calls answer 8 s late (its pod's log, then its status): another job, created
     * after it, runs to Succeeded meanwhile. Reconciliations of different jobs never queue behind
     * one another's calls.
     */
    @Test
    void aJobWhoseCallsAreSlowHoldsNoOtherJobBack() throws Exception {
        String ns = "faults-slow";
        try (TestKubelet own = new TestKubelet(as("test-kubelet"), server, ns)) {
            FaultRule slowLog = faults.slow("GET", "/namespaces/" + ns + "/pods/slow-[^/]*/log", 8_000, 2);
            FaultRule slowStatus = faults.slow("PUT", "/namespaces/" + ns + "/paralleljobs/slow/status", 8_000, 2);
            ParallelJob slow = job("slow", "IOBound", 1, 2, "echo", "slow");
            slow.getMetadata().setNamespace(ns);
            user.resource(slow).create();
            await().atMost(Duration.ofSeconds(30)).until(() -> !slowLog.hits.isEmpty() || !slowStatus.hits.isEmpty());
            long slowed = System.nanoTime();
            ParallelJob quick = job("quick", "IOBound", 1, 2, "echo", "quick");
            quick.getMetadata().setNamespace(ns);
            user.resource(quick).create();
            JobOutcome quickOutcome = new JobOutcome(user, ns, "quick");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> quickOutcome.job() != null
                    && quickOutcome.job().getStatus() != null && "Succeeded".equals(quickOutcome.job().getStatus().getPhase()));
            long quickMillis = (System.nanoTime() - slowed) / 1_000_000;
            System.out.printf("slow: quick job Succeeded %d ms after the slow job's first slow call%n", quickMillis);
            assertTrue(quickMillis < 8_000, "the quick job finished " + quickMillis + " ms after the slow call began, not within its 8 s");
            JobOutcome slowOutcome = new JobOutcome(user, ns, "slow");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> slowOutcome.job()
                    .getStatus() != null && "Succeeded".equals(slowOutcome.job().getStatus().getPhase()));
        }
    }

    /** The one delete of a finished job's pods refused: the retry sends it again, and no pod is left. */
    @Test
    void aFinishedJobsPodsAreDeletedThoughTheFirstDeleteIsRefused() throws Exception {
        String ns = "faults-cleanup";
        try (TestKubelet own = new TestKubelet(as("test-kubelet"), server, ns)) {
            FaultRule refused = faults.refuse("DELETE", "/namespaces/" + ns + "/pods\\?labelSelector", 403, 1);
            ParallelJob j = job("tidy", "CPUBound", 2, 2, "echo", "tidy");
            j.getMetadata().setNamespace(ns);
            user.resource(j).create();
            JobOutcome outcome = new JobOutcome(user, ns, "tidy");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(refused::spent);
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> outcome.pods().isEmpty());
            System.out.printf("tidy: pods deleted %d ms after the refused delete%n",
                    (System.nanoTime() - refused.cleared()) / 1_000_000);
            assertEquals("Succeeded", outcome.job().getStatus().getPhase());
        }
    }

    List<Event> warnings(String ns, String job) {
        return user.v1().events().inNamespace(ns).list().getItems().stream()
                .filter(e -> job.equals(e.getInvolvedObject().getName()) && "Warning".equals(e.getType())).toList();
    }

    private static io.fabric8.kubernetes.api.model.Status failure(int code, String message) {
        return new StatusBuilder().withStatus("Failure").withCode(code).withMessage(message).build();
    }
}
