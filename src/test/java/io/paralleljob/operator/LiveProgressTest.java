package io.paralleljob.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status moves while a single Threads pod runs: items show up before the pod ends. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class LiveProgressTest extends OperatorTestBase {

    @Test
    void progressAdvancesWhileTheOnlyPodRuns() throws Exception {
        create(job("steady", "IOBound", 1, 8, "sh", "-c", "sleep 0.6; echo $PJ_ITEM"));
        List<String> seenWhileRunning = new ArrayList<>();
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            ParallelJob j = get("steady");
            if (j.getStatus() != null && "Running".equals(j.getStatus().getPhase())) {
                String p = j.getStatus().getProgress();
                if (!seenWhileRunning.contains(p)) {
                    seenWhileRunning.add(p);
                }
            }
            if (j.getStatus() != null && "Succeeded".equals(j.getStatus().getPhase())) {
                break;
            }
            Thread.sleep(100);
        }
        ParallelJob done = get("steady");
        assertEquals("Succeeded", done.getStatus().getPhase());
        assertTrue(seenWhileRunning.stream().anyMatch(p -> !p.startsWith("0/") && !p.startsWith("8/")),
                "progress seen while the pod ran: " + seenWhileRunning);
        assertEquals(8, done.getStatus().getResults().size());
    }
}
