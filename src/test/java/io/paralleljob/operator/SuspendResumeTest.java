package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** spec.suspend and spec.ttlSecondsAfterFinished, with batch/v1 Job's meaning. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class SuspendResumeTest extends OperatorTestBase {

    private void edit(String name, Consumer<ParallelJob> change) {
        user.resources(ParallelJob.class).inNamespace(NS).withName(name).edit(j -> {
            change.accept(j);
            return j;
        });
    }

    private static String status(ParallelJob job, String type) {
        if (job == null || job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream().filter(c -> c.getType().equals(type))
                .map(Condition::getStatus).findFirst().orElse(null);
    }

    @Test
    void aJobCreatedSuspendedStartsNothingUntilResumed() throws Exception {
        ParallelJob j = job("held", "CPUBound", 2, 4, "sh", "-c", "echo item-$PJ_ITEM");
        j.getSpec().setSuspend(true);
        create(j);
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(status(get("held"), "Suspended")));
        Thread.sleep(500); // long enough for a pod the operator should not have created to show up
        ParallelJob held = get("held");
        assertEquals("Pending", held.getStatus().getPhase());
        assertEquals("JobSuspended", condition(held, "Suspended").getReason());
        assertNull(held.getStatus().getStartTime(), "a suspended job has not started");
        assertEquals(List.of(), pods("held"));
        assertNull(user.configMaps().inNamespace(NS).withName("held-task").get(), "nothing is frozen yet");

        edit("held", x -> x.getSpec().setSuspend(false));
        ParallelJob done = awaitPhase("held", "Succeeded");
        assertEquals(4, done.getStatus().getResults().size());
        assertEquals("False", condition(done, "Suspended").getStatus());
        assertEquals("JobResumed", condition(done, "Suspended").getReason());
    }

    @Test
    void aSuspendedJobsDeadlineStandsStillUntilItIsResumed() throws Exception {
        ParallelJob j = job("patient", "CPUBound", 2, 4, "sh", "-c", "sleep 0.2; echo item-$PJ_ITEM");
        j.getSpec().setSuspend(true);
        j.getSpec().setActiveDeadlineSeconds(2L);
        create(j);
        await().atMost(Duration.ofSeconds(20)).until(() -> "True".equals(status(get("patient"), "Suspended")));
        Thread.sleep(3_500); // past the deadline, had the clock run while suspended

        assertEquals("Pending", get("patient").getStatus().getPhase(), "a suspended job does not run out of time");
        edit("patient", x -> x.getSpec().setSuspend(false));
        ParallelJob done = awaitPhase("patient", "Succeeded");
        assertEquals(4, done.getStatus().getResults().size(), "the deadline counts from the resume: time to finish");
    }

    @Test
    void suspendingARunningJobKeepsItsResultsAndResumingRunsEachItemOnce() throws Exception {
        Path ran = Files.createTempFile("ran", ".txt");
        try (Gate gate = new Gate().open(0, 1)) { // one item of each shard finishes, the rest wait
            create(job("pause", "CPUBound", 2, 6,
                    gate.command("echo $PJ_ITEM_INDEX >> '" + ran + "'; echo item-$PJ_ITEM")));
            kubelet.awaitLogLines(NS, "pause-0-0", 1);
            kubelet.awaitLogLines(NS, "pause-1-0", 1);

            edit("pause", x -> x.getSpec().setSuspend(true));
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                ParallelJob p = get("pause");
                return "True".equals(status(p, "Suspended")) && p.getStatus().getItems().getSucceeded() == 2
                        && pods("pause").stream().allMatch(pod -> pod.getStatus() != null
                                && List.of("Succeeded", "Failed").contains(pod.getStatus().getPhase()));
            });
            ParallelJob suspended = get("pause");
            assertEquals("Running", suspended.getStatus().getPhase());
            assertNull(suspended.getStatus().getFailedPods(), "pods stopped by a suspension are not failures");
            assertNull(status(suspended, "SpecChangeRejected"), "suspend may change after the start");

            // Every other field stays frozen: the operator's own check says so (the CEL rule is CrdRulesTest's).
            edit("pause", x -> x.getSpec().setParallelism(3));
            await().atMost(Duration.ofSeconds(20)).until(() -> status(get("pause"), "SpecChangeRejected") != null);
            edit("pause", x -> x.getSpec().setParallelism(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> status(get("pause"), "SpecChangeRejected") == null);

            gate.openAll();
            edit("pause", x -> x.getSpec().setSuspend(false));
            ParallelJob done = awaitPhase("pause", "Succeeded");
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), done.getStatus().getResults().stream().map(ItemResult::getIndex)
                    .sorted().toList());
            assertEquals(List.of("0", "1", "2", "3", "4", "5"), Files.readAllLines(ran).stream().sorted().toList(),
                    "every item ran exactly once");
            assertEquals("JobResumed", condition(done, "Suspended").getReason());
            assertNull(done.getStatus().getFailedPods());
            assertEquals(List.of("pause-0-0", "pause-0-1", "pause-1-0", "pause-1-1"), startedPods("pause"));
        } finally {
            Files.deleteIfExists(ran);
        }
    }

    @Test
    void aFinishedJobIsDeletedTtlSecondsAfterItFinished() {
        ParallelJob j = job("brief", "IOBound", 2, 3, "sh", "-c", "echo item-$PJ_ITEM");
        j.getSpec().setTtlSecondsAfterFinished(2L);
        create(j);
        ParallelJob done = awaitPhase("brief", "Succeeded");
        String uid = done.getMetadata().getUid();
        // Deleting the job deletes these through their owner references (a garbage collector's work,
        // which the mock server does not do): the task ConfigMap and the results ledger.
        List<String> owned = user.configMaps().inNamespace(NS).list().getItems().stream()
                .filter(cm -> cm.getMetadata().getOwnerReferences() != null && cm.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> uid.equals(o.getUid())))
                .map(ConfigMap::getMetadata).map(m -> m.getName()).toList();
        assertTrue(owned.contains("brief-task") && owned.size() >= 2, "owned by the job: " + owned);

        Instant finished = Instant.parse(condition(done, "Complete").getLastTransitionTime());
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> get("brief") == null);
        assertTrue(!Instant.now().isBefore(finished.plusSeconds(2)), "deleted before its TTL was up");
    }
}
