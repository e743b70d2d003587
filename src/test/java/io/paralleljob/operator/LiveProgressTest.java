package io.paralleljob.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Status moves while a single Threads pod runs: items show up before the pod ends. The items wait
 * at a {@link Gate}, so progress seen before the test opens it can only have come from following
 * the running pod's log.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class LiveProgressTest extends OperatorTestBase {

    @Test
    void progressAdvancesWhileTheOnlyPodRuns() {
        try (Gate gate = new Gate().open(0, 1, 2)) {
            create(job("steady", "IOBound", 1, 8, gate.command("echo item-$PJ_ITEM")));

            ParallelJob partial = awaitRunningWith("steady", "3/8");
            assertThat(partial.getStatus().getResults()).extracting(r -> r.getOutput())
                    .containsExactly("item-0", "item-1", "item-2");
            assertThat(partial.getStatus().getTiming()).as("timing while running").isNotNull();

            gate.open(3, 4);
            awaitRunningWith("steady", "5/8");

            gate.openAll();
            ParallelJob done = awaitPhase("steady", "Succeeded");
            assertThat(done.getStatus().getProgress()).isEqualTo("8/8");
            assertThat(done.getStatus().getResults()).hasSize(8).allMatch(r -> r.getExitCode() == 0);
        }
    }

    /** The job still Running (it cannot end: later items wait at the gate) and showing this progress. */
    private ParallelJob awaitRunningWith(String name, String progress) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .alias(name + " Running with progress " + progress)
                .until(() -> {
                    ParallelJob j = get(name);
                    return j.getStatus() != null && "Running".equals(j.getStatus().getPhase())
                            && progress.equals(j.getStatus().getProgress());
                });
        return get(name);
    }
}
