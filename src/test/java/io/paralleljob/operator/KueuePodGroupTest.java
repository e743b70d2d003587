package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A job in a Kueue queue, against what stock Kueue does to plain pods (the test kubelet plays its
 * webhook: the admission gate on new pods; the test plays its admission: the gate removed).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class KueuePodGroupTest extends OperatorTestBase {

    private static String status(ParallelJob job, String type) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .map(c -> c.getStatus()).findFirst().orElse(null);
    }

    @Test
    void aQueuedPodGroupWaitsWithoutBurningItsDeadlineThenRunsAndIsEnded() throws Exception {
        kubelet.playKueueWebhook();
        ParallelJob j = job("kq", "Auto", 2, 4, "sh", "-c", "echo item-$PJ_ITEM");
        j.getMetadata().setLabels(Map.of("kueue.x-k8s.io/queue-name", "team-a"));
        j.getSpec().setActiveDeadlineSeconds(10L);
        create(j);
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(status(get("kq"), "Queued")));

        // Auto cannot start as one Threads pod and switch: the group's pod count is fixed, so it runs as Pods.
        List<Pod> pods = pods("kq");
        assertEquals(2, pods.size());
        ParallelJob queued = get("kq");
        assertEquals("Pods", queued.getStatus().getStrategy());
        assertTrue(condition(queued, "StrategyResolved").getMessage().contains("Kueue pod group"),
                condition(queued, "StrategyResolved").getMessage());
        Set<String> groups = pods.stream().map(p -> p.getMetadata().getLabels().get("kueue.x-k8s.io/pod-group-name"))
                .collect(Collectors.toSet());
        assertEquals(1, groups.size(), "one group: " + groups);
        for (Pod p : pods) {
            assertEquals("team-a", p.getMetadata().getLabels().get("kueue.x-k8s.io/queue-name"));
            assertEquals("2", p.getMetadata().getAnnotations().get("kueue.x-k8s.io/pod-group-total-count"));
        }

        Thread.sleep(11_000); // longer than activeDeadlineSeconds: a queued job's deadline does not run
        ParallelJob waited = get("kq");
        assertNotEquals("Failed", waited.getStatus().getPhase());
        assertEquals("True", condition(waited, "Queued").getStatus());
        assertEquals(null, status(waited, "PodsNotStarting"), "a gated pod is waiting, not stuck");
        assertEquals(List.of(), startedPods("kq"));

        pods.forEach(p -> kubelet.admit(NS, p.getMetadata().getName()));
        ParallelJob done = awaitPhase("kq", "Succeeded");
        assertEquals(4, done.getStatus().getResults().size());
        assertEquals("Admitted", condition(done, "Queued").getReason());
        assertEquals("False", condition(done, "Queued").getStatus());

        // The group is ended for Kueue (its finalizer keeps the pods until it has seen that).
        await().atMost(Duration.ofSeconds(20)).until(() -> pods("kq").stream().allMatch(p ->
                p.getMetadata().getAnnotations() != null
                        && "false".equals(p.getMetadata().getAnnotations().get("kueue.x-k8s.io/retriable-in-group"))));
        kubelet.releaseKueueFinalizers(NS);
    }
}
