package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Watch events larger than one WebSocket frame (64 KiB on the mock server, as on a real API
 * server) must not stop the informer. With Fabric8 7.4.0's Vert.x client they did (Fabric8 issue
 * 7347): the first large event after the start of a watch left every later event queued, so
 * deleting a job with a large status hung and nothing new was reconciled. A job whose status is
 * near the results budget is run, deleted and run again; each step needs the informer's events.
 * An application of its own: a stuck informer must not take other tests with it.
 */
@QuarkusTest
@TestProfile(LargeStatusWatchTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class LargeStatusWatchTest extends OperatorTestBase {
    public static class OwnApp implements QuarkusTestProfile {
    }

    /** 56 results of 4000 characters: a status of about 230 KB, near the results budget. */
    private static ParallelJob large(String name) {
        return job(name, "IOBound", 8, 56, "sh", "-c", "printf '%4000s' $PJ_ITEM | tr ' ' x");
    }

    @Test
    void aJobWithAStatusNearTheBudgetCanBeDeletedAndCreatedAgain() {
        create(large("large"));
        ParallelJob first = awaitPhase("large", "Succeeded");
        int size = io.fabric8.kubernetes.client.utils.Serialization.asJson(first).length();
        System.out.printf("large status: %d bytes as JSON%n", size);
        assertTrue(size > 128 * 1024, "the status must span several 64 KiB frames: " + size);

        user.resource(first).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("large") == null);
        // No garbage collector runs on the mock API server: play it for the job's pod and ConfigMap.
        user.pods().inNamespace(NS).withLabel(Labels.JOB, "large").withGracePeriod(0).delete();
        user.configMaps().inNamespace(NS).withName("large-task").delete();
        create(large("large"));
        ParallelJob second = awaitPhase("large", "Succeeded");
        assertEquals(56, second.getStatus().getResults().size());

        // And events still come for other jobs.
        create(job("small", "IOBound", 2, 3, "sh", "-c", "echo $PJ_ITEM"));
        awaitPhase("small", "Succeeded");
    }
}
