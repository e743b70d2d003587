package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each workload kind from apply to Succeeded, with real items run by the test kubelet. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class OperatorEndToEndTest extends OperatorTestBase {

    @Test
    void ioBoundRunsAsThreadsInOnePod() {
        create(job("squares", "IOBound", 4, 10, "sh", "-c", "echo $((PJ_ITEM * PJ_ITEM))"));
        ParallelJob done = awaitPhase("squares", "Succeeded");

        assertEquals("Threads", done.getStatus().getStrategy());
        assertEquals(List.of("squares-0-0"), startedPods("squares"));
        assertEquals(IntStream.range(0, 10).mapToObj(i -> Integer.toString(i * i)).toList(),
                done.getStatus().getResults().stream().map(ItemResult::getOutput).toList());
        assertEquals("10/10", done.getStatus().getProgress());
        assertNotNull(done.getStatus().getTiming());
        assertEquals(done.getMetadata().getGeneration(), done.getStatus().getObservedGeneration());
        assertCondition(done, "Complete", "True");
        assertCondition(done, "StrategyResolved", "True");
    }

    @Test
    void cpuBoundRunsAsShardPods() {
        create(job("cubes", "CPUBound", 3, 10, "sh", "-c", "echo $((PJ_ITEM * PJ_ITEM * PJ_ITEM))"));
        ParallelJob done = awaitPhase("cubes", "Succeeded");

        assertEquals("Pods", done.getStatus().getStrategy());
        assertEquals(List.of("cubes-0-0", "cubes-1-0", "cubes-2-0"), startedPods("cubes"));
        assertEquals(10, done.getStatus().getResults().size());
        for (ItemResult r : done.getStatus().getResults()) {
            assertEquals(Long.toString(r.getIndex() * r.getIndex() * r.getIndex()), r.getOutput());
            assertEquals((int) (r.getIndex() % 3), r.getShard(), "strided shards");
        }
        assertEquals(3, done.getStatus().getShards().size());
        assertTrue(done.getStatus().getShards().stream().allMatch(s -> s.getPhase().equals("Succeeded")));
    }

    /**
     * Auto starts as Threads (one pod, every item) and, once the first items show they compute,
     * stops that pod and hands what it had not finished to Pods. Each item has one result: what the
     * Threads pod finished stays, its items in flight are run by the Pods shards.
     */
    @Test
    void autoStartsAsThreadsThenSwitchesToPodsForComputingWork() {
        ParallelJob job = job("burn", "Auto", 2, 16, "python3", "-c",
                "import os, time\nt = time.process_time()\nwhile time.process_time() - t < 0.5: pass\n"
                        + "print(os.environ['PJ_ITEM'])");
        // One CPU per pod (the test kubelet enforces it where it can): the Threads pod's two threads share it.
        job.getSpec().getTemplate().setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("1")).build());
        create(job);
        ParallelJob done = awaitPhase("burn", "Succeeded");

        var decision = done.getStatus().getDecision();
        assertEquals("Pods", done.getStatus().getStrategy(), decision.getReason());
        assertEquals(4, decision.getSampleItems());
        assertTrue(decision.getComputingShare() >= 0.5, decision.getReason());
        assertTrue(decision.getItemsDoneAtDecision() >= 4 && decision.getDecidedAt() != null);
        List<String> started = startedPods("burn");
        assertEquals("burn-auto-0", started.get(started.size() - 1), "the Threads pod came first: " + started);
        assertTrue(started.contains("burn-0-0"), "the rest went to Pods: " + started);
        assertEquals(java.util.stream.IntStream.range(0, 16).boxed().toList(),
                done.getStatus().getResults().stream().map(r -> (int) r.getIndex()).toList(), "every item once");
        assertTrue(done.getStatus().getResults().stream().allMatch(r -> r.getExitCode() == 0));
        assertNull(done.getStatus().getFailedPods(), "the stopped Threads pod is no failure");
        assertCondition(done, "StrategyResolved", "True");
    }

    /** I/O-bound Auto costs nothing: the Threads pod it starts with is the whole job, as with IOBound. */
    @Test
    void autoStaysOnePodForWaitingWork() {
        create(job("naps", "Auto", 4, 8, "sh", "-c", "sleep 0.3; echo $PJ_ITEM"));
        ParallelJob done = awaitPhase("naps", "Succeeded");

        assertEquals("Threads", done.getStatus().getStrategy(), done.getStatus().getDecision().getReason());
        assertTrue(done.getStatus().getDecision().getComputingShare() < 0.5);
        assertEquals(List.of("naps-auto-0"), startedPods("naps"));
        assertEquals(8, done.getStatus().getResults().size());
    }

    @Test
    void failedItemsFailTheJobButKeepEveryResult() {
        create(job("odd", "IOBound", 2, 6, "sh", "-c",
                "if [ $((PJ_ITEM % 2)) -eq 1 ]; then echo \"odd $PJ_ITEM\" >&2; exit 3; fi; echo even"));
        ParallelJob done = awaitPhase("odd", "Failed");

        assertEquals(6, done.getStatus().getResults().size());
        assertEquals(3, done.getStatus().getItems().getFailed());
        ItemResult one = done.getStatus().getResults().get(1);
        assertEquals(3, one.getExitCode());
        assertEquals("odd 1", one.getStderr());
        Condition failed = condition(done, "Failed");
        assertEquals("ItemsFailed", failed.getReason());
        assertTrue(failed.getMessage().contains("index 1, 3, 5"), failed.getMessage());
        assertNull(done.getStatus().getFailedPods(), "item failures are not pod failures");
        // One Warning per kind of failure, not one per failed item.
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> itemsFailedEvents("odd").size() == 1);
        assertTrue(itemsFailedEvents("odd").get(0).getMessage().contains("item 1 exited 3: odd 1"),
                itemsFailedEvents("odd").toString());
    }

    @Test
    void finishedPodsAreReleasedAndDeleted() {
        create(job("tidy", "CPUBound", 2, 4, "sh", "-c", "echo $PJ_ITEM"));
        awaitPhase("tidy", "Succeeded");
        await().atMost(Duration.ofSeconds(20)).until(() -> pods("tidy").stream()
                .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null || p.getMetadata().getFinalizers() == null
                        || !p.getMetadata().getFinalizers().contains(Labels.RESULT_FINALIZER)));
        for (Pod p : pods("tidy")) {
            assertTrue(p.getMetadata().getFinalizers() == null
                    || !p.getMetadata().getFinalizers().contains(Labels.RESULT_FINALIZER), p.getMetadata().getName());
        }
    }

    @Test
    void metricsAndHealthAreServed() throws Exception {
        create(job("measured", "IOBound", 2, 3, "sh", "-c", "echo $PJ_ITEM"));
        awaitPhase("measured", "Succeeded");
        var http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(
                root.toURI().resolve("q/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        for (String name : List.of("paralleljob_jobs_finished_total{phase=\"Succeeded\"}",
                "paralleljob_items_processed_total{result=\"succeeded\"}", "paralleljob_pods_created_total",
                "paralleljob_item_duration_seconds_bucket", "paralleljob_job_duration_seconds_count",
                "paralleljob_jobs{phase=\"Succeeded\"}", "operator_sdk_")) {
            assertTrue(metrics.contains(name), name + " in /q/metrics");
        }
        var live = http.send(java.net.http.HttpRequest.newBuilder(
                root.toURI().resolve("q/health/live")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, live.statusCode(), live.body());
    }

    /** Where the application listens: a free port each run (quarkus.http.test-port=0), so two builds never collide. */
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    /** A command missing from the image fails the job at once, with one pod and no replacement. */
    @Test
    void aCommandThatCannotStartFailsTheJobAtOnce() {
        create(job("typo", "IOBound", 2, 200, "pyhton3-no-such-program", "-c", "print(1)"));
        ParallelJob done = awaitPhase("typo", "Failed");

        Condition failed = condition(done, "Failed");
        assertEquals("CommandNotFound", failed.getReason(), failed.getMessage());
        assertTrue(failed.getMessage().contains("cannot start pyhton3-no-such-program")
                && failed.getMessage().contains("python:3.12-slim"), failed.getMessage());
        assertEquals(List.of("typo-0-0"), startedPods("typo"), "no replacement pod");
        assertTrue(done.getStatus().getResults().size() <= 2, "not 200 failed items");
    }

    private List<io.fabric8.kubernetes.api.model.Event> itemsFailedEvents(String job) {
        return user.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> job.equals(e.getInvolvedObject().getName()) && "ItemsFailed".equals(e.getReason()))
                .toList();
    }

    static Condition condition(ParallelJob job, String type) {
        return job.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " condition in " + job.getStatus().getConditions()));
    }

    static void assertCondition(ParallelJob job, String type, String status) {
        assertEquals(status, condition(job, type).getStatus());
    }
}
