package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.paralleljob.model.LedgerChunk;
import io.paralleljob.operator.config.OperatorSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator killed (SIGKILL: no shutdown, nothing after the fatal request lands) at the two
 * moments where a half-done step could duplicate something: between creating one shard's pod and
 * the next, and right after a ledger chunk is stored but before the pods are let go and the final
 * status is written. Each time a new operator (empty caches) takes over. Unlike
 * {@link OperatorRestartTest}, whose operator stops between reconciliations, these die inside one.
 */
@QuarkusTest
@TestProfile(OperatorKillTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class OperatorKillTest extends OperatorTestBase {
    /** Its own application: the test stops the application's operator. */
    public static class OwnApp implements QuarkusTestProfile {
    }

    @Inject
    Operator operator;

    @Inject
    OperatorSettings settings;

    @Test
    void killedMidCreationAndMidRecordingNeitherDuplicatesPodsNorResults() {
        try (ApiFaults faults = ApiFaults.install(server); Gate gate = new Gate()) {
            // Killed as its first pod is created: pods go in slow-start batches (1, then 2 at
            // once), so the first pod is the one create that is known to be alone.
            FaultRule midCreation = faults.killSenderAfter("POST", "/namespaces/" + NS + "/pods$", "\"kill-0-0\"");
            FaultRule midRecording = faults.killSenderAfter("POST", "/namespaces/" + NS + "/configmaps$",
                    LedgerChunk.LABEL);
            create(job("kill", "CPUBound", 3, 6, gate.command("echo k$PJ_ITEM")));
            await().atMost(Duration.ofSeconds(30)).until(midCreation::spent);
            operator.stop();
            assertEquals(List.of("kill-0-0"), podNames(), "killed before its second pod");

            Operator second = successor("operator-2");
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> podNames().size() == 3);
                gate.openAll();
                await().atMost(Duration.ofSeconds(30)).until(midRecording::spent);
            } finally {
                second.stop();
            }
            assertEquals("Running", get("kill").getStatus().getPhase(), "killed before the final status");

            long cleared = midRecording.cleared();
            Operator third = successor("operator-3");
            try {
                awaitPhase("kill", "Succeeded");
                System.out.printf("kill: Succeeded %d ms after the second kill%n", (System.nanoTime() - cleared) / 1_000_000);
                JobOutcome outcome = new JobOutcome(user, NS, "kill");
                outcome.assertEveryItemOnce(6);
                outcome.assertNoFinalizerLeft();
                assertEquals(List.of("kill-0-0", "kill-1-0", "kill-2-0"), startedPods("kill"), "each pod started once");
            } finally {
                third.stop();
            }
        }
    }

    private List<String> podNames() {
        return pods("kill").stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }

    /** A new operator process: its own client (User-Agent), empty caches. */
    private Operator successor(String agent) {
        Operator next = new Operator(ConfigurationService.newOverriddenConfigurationService(
                operator.getConfigurationService(), o -> o.withKubernetesClient(as(agent))));
        next.register(new ParallelJobReconciler(settings, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        next.start();
        return next;
    }
}
