package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class OperatorEndToEndTest {
    static final String NS = "e2e";

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    KubernetesClient client;

    TestKubelet kubelet;

    @BeforeEach
    void startKubelet() throws Exception {
        kubelet = new TestKubelet(client, server, NS);
    }

    @AfterEach
    void stopKubelet() {
        kubelet.close();
    }

    static ParallelJob job(String name, String workload, int parallelism, int items, List<String> command) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setWorkload(workload);
        spec.setParallelism(parallelism);
        spec.setRange(new ItemRange(0L, (long) items));
        WorkerTemplate t = new WorkerTemplate();
        t.setImage("python:3.12-slim");
        t.setCommand(command);
        spec.setTemplate(t);
        job.setSpec(spec);
        return job;
    }

    ParallelJob awaitPhase(String name, String phase) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            ParallelJob j = client.resources(ParallelJob.class).inNamespace(NS).withName(name).get();
            return j != null && j.getStatus() != null && phase.equals(j.getStatus().getPhase());
        });
        return client.resources(ParallelJob.class).inNamespace(NS).withName(name).get();
    }

    @Test
    void ioBoundJobRunsInOnePodWithThreads() {
        client.resource(job("squares", "IOBound", 4, 10,
                List.of("sh", "-c", "echo $((PJ_ITEM * PJ_ITEM))"))).create();
        ParallelJob done = awaitPhase("squares", "Succeeded");
        assertEquals("Threads", done.getStatus().getStrategy());
        assertEquals(10, done.getStatus().getResults().size());
        assertEquals("81", done.getStatus().getResults().get(9).getOutput());
        assertEquals(List.of("e2e/squares-0-0"), kubelet.started);
        assertNotNull(done.getStatus().getTiming());
        assertTrue(done.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Complete")));
    }
}
