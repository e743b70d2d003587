package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.paralleljob.api.ParallelJob;
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
 * The operator stops mid-job; its pods finish while it is away; a new operator (empty caches,
 * fresh informers) takes over. No pod is created twice, no result is lost or counted twice.
 */
@QuarkusTest
@TestProfile(OperatorRestartTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class OperatorRestartTest extends OperatorTestBase {
    /** A profile of its own: this test stops the application's operator, so it gets its own application. */
    public static class OwnApp implements QuarkusTestProfile {
    }

    @Inject
    Operator operator;

    @Inject
    OperatorSettings settings;

    @Test
    void restartMidJobNeitherDuplicatesPodsNorLosesResults() {
        try (Gate gate = new Gate().open(0, 1, 2)) { // one item per shard: the rest wait, so the pods run on
            create(job("restart", "CPUBound", 3, 12, gate.command("echo r$PJ_ITEM")));
            await().atMost(Duration.ofSeconds(30)).until(() -> startedPods("restart").size() == 3);
            for (String pod : List.of("restart-0-0", "restart-1-0", "restart-2-0")) {
                kubelet.awaitLogLines(NS, pod, 1);
            }
            operator.stop();

            // While the operator is away one pod is OOM-killed partway and the others finish.
            kubelet.oomKill(NS, "restart-1-0");
            gate.openAll();
            await().atMost(Duration.ofSeconds(30)).until(() -> pods("restart").stream().allMatch(
                    p -> p.getStatus() != null && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase())));
            assertEquals("Running", get("restart").getStatus().getPhase());
            restartAndFinish();
        }
    }

    private void restartAndFinish() {
        // The stopped operator closed its client; the new one gets its own, as a new process would.
        Operator second = new Operator(ConfigurationService.newOverriddenConfigurationService(
                operator.getConfigurationService(), o -> o.withKubernetesClient(as("operator-2"))));
        second.register(new ParallelJobReconciler(settings, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        second.start();
        try {
            ParallelJob done = awaitPhase("restart", "Succeeded");
            assertEquals(List.of("restart-0-0", "restart-1-0", "restart-1-1", "restart-2-0"), startedPods("restart"));
            PodFailureTest.assertEveryItemOnce(done, 12);
            assertEquals(1, done.getStatus().getFailedPods());
        } finally {
            second.stop();
        }
    }
}
