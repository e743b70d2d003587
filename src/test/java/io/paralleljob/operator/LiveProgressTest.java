package io.paralleljob.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Status moves while a single Threads pod runs: items show up before the pod ends. Each item waits
 * for its own gate file, so the pod cannot finish until the test lets it: progress seen before
 * that can only have come from following the running pod's log, however slow the machine is.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class LiveProgressTest extends OperatorTestBase {

    @Test
    void progressAdvancesWhileTheOnlyPodRuns() throws Exception {
        Path gates = Files.createTempDirectory("gates");
        open(gates, 0, 1, 2);
        create(job("steady", "IOBound", 1, 8, "sh", "-c",
                "while [ ! -e '" + gates + "'/$PJ_ITEM ]; do sleep 0.05; done; echo item-$PJ_ITEM"));

        try {
            waitAndRelease(gates);
        } finally {
            open(gates, 0, 1, 2, 3, 4, 5, 6, 7); // a failed test leaves no item process waiting forever
        }
    }

    private void waitAndRelease(Path gates) throws Exception {
        ParallelJob partial = awaitRunningWith("steady", "3/8");
        assertThat(partial.getStatus().getResults()).extracting(r -> r.getOutput())
                .containsExactly("item-0", "item-1", "item-2");
        assertThat(partial.getStatus().getTiming()).as("timing while running").isNotNull();

        open(gates, 3, 4);
        awaitRunningWith("steady", "5/8");

        open(gates, 5, 6, 7);
        ParallelJob done = awaitPhase("steady", "Succeeded");
        assertThat(done.getStatus().getProgress()).isEqualTo("8/8");
        assertThat(done.getStatus().getResults()).hasSize(8).allMatch(r -> r.getExitCode() == 0);
    }

    private static void open(Path gates, int... items) throws Exception {
        for (int i : items) {
            Path gate = gates.resolve(Integer.toString(i));
            if (!Files.exists(gate)) {
                Files.createFile(gate);
            }
        }
    }

    /** The job still Running (it cannot end: later items wait for their gates) and showing this progress. */
    private ParallelJob awaitRunningWith(String name, String progress) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .alias(name + " Running with progress " + progress)
                .until(() -> {
                    ParallelJob j = get(name);
                    return j.getStatus() != null && "Running".equals(j.getStatus().getPhase())
                            && progress.equals(j.getStatus().getProgress());
                });
        return get(name);
    }
}
