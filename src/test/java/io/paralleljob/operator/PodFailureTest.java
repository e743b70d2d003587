package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the cluster does to pods (OOM kills, evictions, deletions, deadlines) and what the job keeps. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class PodFailureTest extends OperatorTestBase {
    static final String[] SLOW_ECHO = {"sh", "-c", "sleep 0.2; echo item-$PJ_ITEM"};

    @Test
    void oomKilledPodIsReplacedAndKeepsFinishedItems() {
        kubelet.oomKillAfter("oom-0-0", 3);
        create(job("oom", "IOBound", 1, 8, SLOW_ECHO));
        ParallelJob done = awaitPhase("oom", "Succeeded");

        assertEquals(List.of("oom-0-0", "oom-0-1"), startedPods("oom"));
        assertEveryItemOnce(done, 8);
        assertEquals(1, done.getStatus().getFailedPods());
        Pod replacement = user.pods().inNamespace(NS).withName("oom-0-1").get();
        List<String> args = replacement == null ? List.of() : replacement.getSpec().getContainers().get(0).getArgs();
        assertTrue(replacement == null || args.contains("--done-positions"), "the replacement skips finished items: " + args);
        assertEquals(8, kubelet.logLines(NS, "oom-0-0") - 1 + kubelet.logLines(NS, "oom-0-1") - 1 + 1,
                "no item ran twice (each log has one closing line; the killed pod's has none)");
    }

    @Test
    void evictionDoesNotSpendTheBackoffLimit() {
        ParallelJob done;
        try (Gate gate = new Gate().open(0, 1)) { // the pod cannot finish before it is evicted
            ParallelJob job = job("evicted", "IOBound", 2, 6, gate.command("echo item-$PJ_ITEM"));
            job.getSpec().setBackoffLimit(0);
            create(job);
            kubelet.awaitLogLines(NS, "evicted-0-0", 2);
            kubelet.evict(NS, "evicted-0-0");
            gate.openAll();
            done = awaitPhase("evicted", "Succeeded");
        }

        assertEveryItemOnce(done, 6);
        assertEquals(1, done.getStatus().getDisruptedPods());
        assertNull(done.getStatus().getFailedPods());
        assertEquals(List.of("evicted-0-0", "evicted-0-1"), startedPods("evicted"), "one replacement, no twin");
        new JobOutcome(user, NS, "evicted").assertEveryItemOnce(6);
        new JobOutcome(user, NS, "evicted").assertNoFinalizerLeft();
    }

    @Test
    void backoffLimitEndsAJobWhosePodsKeepDying() {
        kubelet.oomKillAfter("doomed-0-", 1);
        ParallelJob job = job("doomed", "IOBound", 1, 10, SLOW_ECHO);
        job.getSpec().setBackoffLimit(1);
        create(job);
        ParallelJob done = awaitPhase("doomed", "Failed");

        assertEquals("BackoffLimitExceeded", condition(done, "Failed").getReason());
        assertTrue(condition(done, "Failed").getMessage().contains("OOMKilled"), condition(done, "Failed").getMessage());
        assertEquals(List.of("doomed-0-0", "doomed-0-1"), startedPods("doomed"));
        assertTrue(done.getStatus().getResults().size() >= 2, "items finished before the kills are kept");
        assertEquals(2, done.getStatus().getFailedPods());
    }

    @Test
    void podDeletedBySomeoneIsReplaced() {
        ParallelJob done;
        try (Gate gate = new Gate().open(0, 1)) { // the pod cannot finish before the deletion reaches it
            create(job("deleted", "IOBound", 1, 6, gate.command("echo item-$PJ_ITEM")));
            kubelet.awaitLogLines(NS, "deleted-0-0", 2);
            user.pods().inNamespace(NS).withName("deleted-0-0").delete();
            await().atMost(Duration.ofSeconds(30)).until(() -> startedPods("deleted").size() == 2);
            gate.openAll();
            done = awaitPhase("deleted", "Succeeded");
        }

        assertEquals(List.of("deleted-0-0", "deleted-0-1"), startedPods("deleted"));
        assertEveryItemOnce(done, 6);
        assertEquals(1, done.getStatus().getFailedPods());
        new JobOutcome(user, NS, "deleted").assertEveryItemOnce(6);
        new JobOutcome(user, NS, "deleted").assertNoFinalizerLeft();
    }

    @Test
    void deadlineFailsTheJobAndStopsItsPods() {
        ParallelJob job = job("late", "IOBound", 1, 20, "sh", "-c", "sleep 0.5; echo $PJ_ITEM");
        job.getSpec().setActiveDeadlineSeconds(2L);
        create(job);
        ParallelJob done = awaitPhase("late", "Failed");

        assertEquals("DeadlineExceeded", condition(done, "Failed").getReason());
        assertTrue(done.getStatus().getItems().getSucceeded() < 20);
        await().atMost(Duration.ofSeconds(20)).until(() -> pods("late").stream()
                .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null));
    }

    @Test
    void invalidSpecFailsWithTheFieldNamedAndNoPods() {
        create(job("broken", "IOBound", 0, 3, "true"));
        ParallelJob done = awaitPhase("broken", "Failed");

        assertEquals("InvalidSpec", condition(done, "Failed").getReason());
        assertTrue(condition(done, "Failed").getMessage().startsWith("spec.parallelism:"),
                condition(done, "Failed").getMessage());
        assertEquals(List.of(), pods("broken"));

        // Fixing the spec runs the job: it never started, so nothing is half-applied.
        user.resources(ParallelJob.class).inNamespace(NS).withName("broken").edit(j -> {
            j.getSpec().setParallelism(2);
            return j;
        });
        ParallelJob fixed = awaitPhase("broken", "Succeeded");
        assertEquals(3, fixed.getStatus().getResults().size());
        assertTrue(fixed.getStatus().getConditions().stream().noneMatch(c -> c.getType().equals("Failed")));
    }

    @Test
    void specEditsAfterTheStartAreReportedNotApplied() {
        ParallelJob done;
        try (Gate gate = new Gate().open(0)) { // still running when the edit arrives
            create(job("frozen", "IOBound", 1, 6, gate.command("echo item-$PJ_ITEM")));
            kubelet.awaitLogLines(NS, "frozen-0-0", 1);
            user.resources(ParallelJob.class).inNamespace(NS).withName("frozen").edit(j -> {
                j.getSpec().setTemplate(job("x", "IOBound", 1, 1, "sh", "-c", "echo changed").getSpec().getTemplate());
                return j;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> get("frozen").getStatus().getConditions().stream()
                    .anyMatch(c -> c.getType().equals("SpecChangeRejected")));
            gate.openAll();
            done = awaitPhase("frozen", "Succeeded");
        }
        assertTrue(done.getStatus().getResults().stream().allMatch(r -> r.getOutput().startsWith("item-")),
                "every item ran the original command");
    }

    @Test
    void deletingAJobReleasesItsPods() {
        try (Gate gate = new Gate().open(0)) { // the pod still runs when its job is deleted
            create(job("gone", "IOBound", 1, 20, gate.command("echo item-$PJ_ITEM")));
            kubelet.awaitLogLines(NS, "gone-0-0", 1);
            user.resources(ParallelJob.class).inNamespace(NS).withName("gone").delete();
            await().atMost(Duration.ofSeconds(20)).until(() -> get("gone") == null);
        }
        // No garbage collector runs on the mock API server: the pod is still there, and must be deletable.
        assertEquals(List.of("gone-0-0"), pods("gone").stream().map(p -> p.getMetadata().getName()).toList(),
                "the job's pod outlives the job here, so the checks below are not vacuous");
        for (Pod p : pods("gone")) {
            List<String> f = p.getMetadata().getFinalizers();
            assertTrue(f == null || !f.contains(Labels.RESULT_FINALIZER), "the garbage collector can delete " + p);
            assertEquals("gone", p.getMetadata().getOwnerReferences().get(0).getName());
        }
    }

    /** Pods in this namespace are not run by the test kubelet: the test plays the cluster itself. */
    static final String UNRUN = "unrun";

    @Test
    void aPodWhoseWorkerNeverStartedIsReplaced() {
        Pod p = awaitPod(UNRUN, createUnrun("noinit") + "-0-0");
        // What a kubelet writes when the init container (the runner copy) fails: the worker never starts...
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed")
                .withInitContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                        .withName("install-runner").withState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                                .withNewTerminated().withExitCode(1).withReason("Error").endTerminated().build()).build())
                .build());
        // ... and what the API server answers for its log.
        server.expect().get().withPath("/api/v1/namespaces/" + UNRUN + "/pods/noinit-0-0/log?container=worker")
                .andReturn(400, new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure").withCode(400)
                        .withReason("BadRequest").withMessage("container \"worker\" in pod \"noinit-0-0\" is waiting "
                                + "to start: PodInitializing").build()).always();
        user.pods().inNamespace(UNRUN).resource(p).updateStatus();
        awaitPod(UNRUN, "noinit-0-1");
        // The replacement is created before the status that counts the failure is written.
        await().atMost(Duration.ofSeconds(10)).until(() -> unrun("noinit").getStatus().getFailedPods() != null);
        ParallelJob now = unrun("noinit");
        assertEquals(1, now.getStatus().getFailedPods(), "the pod that never ran spends one of backoffLimit");
    }

    @Test
    void aRunnerTheRuntimeCannotStartFailsTheJobAtOnceNamingTheImage() {
        Pod p = awaitPod(UNRUN, createUnrun("wrongarch") + "-0-0");
        // What containerd reports for a runner built for another CPU architecture than the node's.
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Failed")
                .withContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                        .withName("worker").withState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                                .withNewTerminated().withExitCode(128).withReason("StartError")
                                .withMessage("failed to create containerd task: exec: \"/pj/libc/ld.so\": exec format "
                                        + "error").endTerminated().build()).build())
                .build());
        server.expect().get().withPath("/api/v1/namespaces/" + UNRUN + "/pods/wrongarch-0-0/log?container=worker")
                .andReturn(200, "").always();
        user.pods().inNamespace(UNRUN).resource(p).updateStatus();

        await().atMost(Duration.ofSeconds(20)).until(() -> "Failed".equals(unrun("wrongarch").getStatus().getPhase()));
        ParallelJob done = unrun("wrongarch");
        var failed = condition(done, "Failed");
        assertEquals("RunnerFailed", failed.getReason());
        assertTrue(failed.getMessage().contains("wrongarch-0-0") && failed.getMessage().contains("exec format error")
                && failed.getMessage().contains("image python:3.12-slim"),
                failed.getMessage());
        assertNull(user.pods().inNamespace(UNRUN).withName("wrongarch-0-1").get(),
                "no replacement: it would fail the same way, so backoffLimit is not spent on it");
    }

    @Test
    void anUnreadableLogIsRetriedNotCountedAsAFailureNorRerun() {
        Pod p = awaitPod(UNRUN, createUnrun("wedged") + "-0-0");
        StringBuilder log = new StringBuilder();
        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            log.append(new io.paralleljob.model.ReportLine(new io.paralleljob.model.ItemRun(i, Integer.toString(i), 0,
                    "ok-" + i, null, null, now, 5, 1L, 1, 0), null).toJson()).append('\n');
        }
        log.append(new io.paralleljob.model.ReportLine(null, new io.paralleljob.model.ReportLine.ShardDone(0, 3, 0))
                .toJson()).append('\n');
        String path = "/api/v1/namespaces/" + UNRUN + "/pods/wedged-0-0/log?container=worker";
        // Refused at first (a Role without pods/log in this namespace, since fixed), then allowed.
        // (5xx answers are retried by the client itself before they reach the operator.)
        server.expect().get().withPath(path).andReturn(403, "pods \"wedged-0-0\" is forbidden").once();
        server.expect().get().withPath(path).andReturn(200, log.toString()).always();
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded")
                .withContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("worker")
                        .withState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewTerminated()
                                .withExitCode(0).withReason("Completed").endTerminated().build()).build())
                .build());
        user.pods().inNamespace(UNRUN).resource(p).updateStatus();
        await().atMost(Duration.ofSeconds(20)).until(() -> unrun("wedged").getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("PodLogsUnreadable") && c.getMessage().contains("HTTP 403")));
        await().atMost(Duration.ofSeconds(40)).until(() -> "Succeeded".equals(unrun("wedged").getStatus().getPhase()));
        ParallelJob done = unrun("wedged");
        assertEquals(List.of("ok-0", "ok-1", "ok-2"), done.getStatus().getResults().stream().map(ItemResult::getOutput).toList());
        assertNull(done.getStatus().getFailedPods(), "an unreadable log is not a failed pod");
        assertNull(user.pods().inNamespace(UNRUN).withName("wedged-0-1").get(), "and its items are not run again");
        assertTrue(done.getStatus().getConditions().stream().noneMatch(c -> c.getType().equals("PodLogsUnreadable")));
    }

    @Test
    void aPodStuckOnItsImageIsReportedOnTheJob() {
        Pod p = awaitPod(UNRUN, createUnrun("badimage") + "-0-0");
        p.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Pending")
                .withContainerStatuses(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder().withName("worker")
                        .withState(new io.fabric8.kubernetes.api.model.ContainerStateBuilder().withNewWaiting()
                                .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"nope:1\"")
                                .endWaiting().build()).build())
                .build());
        user.pods().inNamespace(UNRUN).resource(p).updateStatus();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ParallelJob now = unrun("badimage");
            return now.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("PodsNotStarting")
                    && c.getMessage().contains("ImagePullBackOff: Back-off pulling image \"nope:1\""));
        });
    }

    @Test
    void aReCreatedJobRunsItsOwnSpecNotItsPredecessors() {
        create(job("again", "IOBound", 1, 6, "sh", "-c", "sleep 0.3; echo old-$PJ_ITEM"));
        kubelet.awaitLogLines(NS, "again-0-0", 1);
        user.resources(ParallelJob.class).inNamespace(NS).withName("again").delete();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("again") == null);

        create(job("again", "IOBound", 1, 6, "sh", "-c", "echo new-$PJ_ITEM"));
        // The mock server has no garbage collector: play it, a little later, as a cluster would.
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        String newUid = get("again").getMetadata().getUid();
        for (Pod p : pods("again")) {
            if (!p.getMetadata().getOwnerReferences().get(0).getUid().equals(newUid)) {
                user.pods().inNamespace(NS).resource(p).withGracePeriod(0).delete();
            }
        }
        var oldTask = user.configMaps().inNamespace(NS).withName("again-task").get();
        if (oldTask != null && !oldTask.getMetadata().getOwnerReferences().get(0).getUid().equals(newUid)) {
            user.configMaps().inNamespace(NS).resource(oldTask).delete();
        }
        ParallelJob done = awaitPhase("again", "Succeeded");
        assertEquals(IntStream.range(0, 6).mapToObj(i -> "new-" + i).toList(),
                done.getStatus().getResults().stream().map(ItemResult::getOutput).toList());
    }

    @Test
    void leftoversOfAnOrphaningDeleteAreReportedAndTheJobRunsOnceTheyAreGone() {
        // What `kubectl delete pj heir --cascade=orphan` leaves: the task ConfigMap and a finished
        // worker pod, both without an owner, the pod still holding the result finalizer.
        user.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("heir-task").withNamespace(NS).addToLabels(Labels.JOB, "heir")
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGER).endMetadata()
                .addToData("task.json", "{}").build()).create();
        user.pods().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withName("heir-0-0").withNamespace(NS).addToLabels(Labels.JOB, "heir")
                .addToLabels(Labels.SHARD, "0").addToLabels(Labels.ATTEMPT, "0").addToLabels(Labels.MANAGED_BY, Labels.MANAGER)
                .withFinalizers(Labels.RESULT_FINALIZER).endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("python:3.12-slim").endContainer().endSpec()
                .withNewStatus().withPhase("Succeeded").endStatus().build()).create();
        create(job("heir", "IOBound", 1, 3, "sh", "-c", "echo heir-$PJ_ITEM"));

        await().atMost(Duration.ofSeconds(30)).until(() -> get("heir").getStatus() != null && get("heir").getStatus()
                .getConditions().stream().anyMatch(c -> c.getType().equals("LeftoversBlockStart")));
        ParallelJob blocked = get("heir");
        String message = condition(blocked, "LeftoversBlockStart").getMessage();
        assertEquals("Pending", blocked.getStatus().getPhase());
        assertTrue(message.contains("pod/heir-0-0") && message.contains("configmap/heir-task"), message);
        assertTrue(message.endsWith("kubectl delete pods,configmaps -n " + NS + " -l " + Labels.JOB + "=heir"), message);
        await().atMost(Duration.ofSeconds(10)).until(() -> user.pods().inNamespace(NS).withName("heir-0-0").get()
                .getMetadata().getFinalizers().isEmpty());

        // What the user then runs: the command the condition gives.
        user.pods().inNamespace(NS).withLabel(Labels.JOB, "heir").delete();
        user.configMaps().inNamespace(NS).withLabel(Labels.JOB, "heir").delete();
        ParallelJob done = awaitPhase("heir", "Succeeded");
        assertEquals(List.of("heir-0", "heir-1", "heir-2"),
                done.getStatus().getResults().stream().map(ItemResult::getOutput).toList());
        assertTrue(done.getStatus().getConditions().stream().noneMatch(c -> c.getType().equals("LeftoversBlockStart")));
    }

    /** A 3-item IOBound job in the namespace the test kubelet leaves alone; returns its name. */
    String createUnrun(String name) {
        ParallelJob j = job(name, "IOBound", 1, 3, "true");
        j.getMetadata().setNamespace(UNRUN);
        user.resource(j).create();
        return name;
    }

    ParallelJob unrun(String name) {
        return user.resources(ParallelJob.class).inNamespace(UNRUN).withName(name).get();
    }

    Pod awaitPod(String ns, String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> user.pods().inNamespace(ns).withName(name).get() != null);
        return user.pods().inNamespace(ns).withName(name).get();
    }

    static void assertEveryItemOnce(ParallelJob done, int total) {
        assertEquals(IntStream.range(0, total).boxed().toList(),
                done.getStatus().getResults().stream().map(r -> (int) r.getIndex()).toList());
        assertTrue(done.getStatus().getResults().stream().allMatch(r -> r.getExitCode() == 0),
                done.getStatus().getResults().stream().map(ItemResult::getOutput).toList().toString());
        assertEquals(total, done.getStatus().getItems().getSucceeded());
    }
}
