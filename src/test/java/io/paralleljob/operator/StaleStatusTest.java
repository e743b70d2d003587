package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.ItemCounts;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A second writer that is not the leader (a replica that lost its Lease but still had a write in
 * flight, or a person) puts an old status over a finished job's: "Running, 1/4, no results". The
 * job's pods are released and deleted by then, so its results cannot be read again. The operator
 * must neither start the job again nor let the counters stand at 1/4: it restores the final phase,
 * counts and times from its record on the job, the results from the results ledger, and says so
 * (StatusRestored, a Warning event).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class StaleStatusTest extends OperatorTestBase {

    @Test
    void aStaleStatusOverAFinishedJobIsUndoneAndNothingRunsAgain() {
        create(job("stale", "IOBound", 2, 4, "sh", "-c", "echo $PJ_ITEM"));
        ParallelJob done = awaitPhase("stale", "Succeeded");
        // The pods are let go (finalizer removed, deleted) and the record is on the job.
        await().atMost(Duration.ofSeconds(20)).until(() -> pods("stale").isEmpty()
                && get("stale").getMetadata().getAnnotations().containsKey(Labels.FINAL_RECORD));

        ParallelJob stale = get("stale");
        ParallelJobStatus old = new ParallelJobStatus();
        old.setPhase("Running");
        old.setStrategy("Threads");
        old.setProgress("1/4");
        old.setItems(new ItemCounts(4, 1, 0));
        old.setStartTime(done.getStatus().getStartTime());
        stale.setStatus(old);
        user.resource(stale).updateStatus(); // with the job's resourceVersion: this writer's write lands

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ParallelJobStatus now = get("stale").getStatus();
            return "Succeeded".equals(now.getPhase()) && now.getConditions().stream()
                    .anyMatch(c -> c.getType().equals("StatusRestored"));
        });
        ParallelJobStatus restored = get("stale").getStatus();
        assertEquals(4, restored.getItems().getSucceeded(), "counters do not go backwards");
        assertEquals("4/4", restored.getProgress());
        assertEquals(done.getStatus().getCompletionTime(), restored.getCompletionTime());
        assertEquals(summary(done.getStatus()), summary(restored),
                "the per-item results come back from the results ledger, though the pods are gone");
        assertEquals(null, restored.getResultsOmitted());
        assertEquals("0-3", restored.getCompletedIndexes());
        assertEquals(Boolean.TRUE, restored.getResultsRef().getComplete(), "and status says where they are kept");
        assertTrue(condition(get("stale"), "StatusRestored").getMessage().contains("Running, 1/4"),
                condition(get("stale"), "StatusRestored").getMessage());
        assertEquals("AllItemsSucceeded", condition(get("stale"), "Complete").getReason());
        // Nothing ran again: the one pod of the first run is all the kubelet ever started.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> pods("stale").isEmpty());
        assertEquals(List.of("stale-0-0"), startedPods("stale"));
        assertTrue(user.v1().events().inNamespace(NS).list().getItems().stream().anyMatch(e -> "stale".equals(
                e.getInvolvedObject().getName()) && "StatusRestored".equals(e.getReason())), "a Warning event tells it");
    }

    /**
     * The same overwrite while the job runs: "Running, 0/6, no results" over a status that counted
     * a finished shard. The stale write alone brings the job back (no pod changes meanwhile), its
     * counts come back from the pods and the ledger, and the job finishes with every item once.
     */
    @Test
    void aStaleStatusMidRunIsUndoneAndCountersDoNotGoBack() {
        ParallelJob done;
        try (Gate gate = new Gate().open(0, 1)) { // shard 0 finishes, shards 1 and 2 wait
            create(job("midrun", "CPUBound", 3, 6, gate.command("echo m$PJ_ITEM")));
            await().atMost(Duration.ofSeconds(30)).until(() -> succeeded("midrun") == 2);
            ParallelJob stale = get("midrun");
            ParallelJobStatus old = new ParallelJobStatus();
            old.setPhase("Running");
            old.setProgress("0/6");
            old.setItems(new ItemCounts(6, 0, 0));
            stale.setStatus(old);
            user.resource(stale).updateStatus();
            long written = System.nanoTime();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> succeeded("midrun") == 2);
            System.out.printf("midrun: counters back %d ms after the stale write%n", (System.nanoTime() - written) / 1_000_000);
            assertEquals(2, get("midrun").getStatus().getResults().size(), "the finished shard's results are back");
            gate.openAll();
            done = awaitPhase("midrun", "Succeeded");
        }
        PodFailureTest.assertEveryItemOnce(done, 6);
        new JobOutcome(user, NS, "midrun").assertEveryItemOnce(6);
        assertEquals(List.of("midrun-0-0", "midrun-1-0", "midrun-2-0"), startedPods("midrun"), "nothing ran again");
    }

    /**
     * Counts only the ledger still has: a shard of a thousand items ended, its results went to the
     * ledger and its pod was let go (finalizer removed, report dropped but for its summary). A
     * stale "Running, 0/3000" comes back to 1000 from the ledger.
     */
    @Test
    void aStaleStatusMidRunIsRepairedFromTheLedgerOnceThePodIsLetGo() {
        kubelet.instantPods("ledgered-", 0);
        kubelet.holdPods("ledgered-1-", "ledgered-2-");
        create(job("ledgered", "CPUBound", 3, 3000, "true"));
        await().atMost(Duration.ofSeconds(30)).until(() -> succeeded("ledgered") == 1000
                && pods("ledgered").stream().anyMatch(p -> p.getMetadata().getName().equals("ledgered-0-0")
                        && (p.getMetadata().getFinalizers() == null || p.getMetadata().getFinalizers().isEmpty())));
        ParallelJob stale = get("ledgered");
        ParallelJobStatus old = new ParallelJobStatus();
        old.setPhase("Running");
        old.setProgress("0/3000");
        old.setItems(new ItemCounts(3000, 0, 0));
        stale.setStatus(old);
        user.resource(stale).updateStatus();
        long written = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> succeeded("ledgered") == 1000);
        System.out.printf("ledgered: counters back from the ledger %d ms after the stale write%n",
                (System.nanoTime() - written) / 1_000_000);
        kubelet.releaseHeld();
        ParallelJob done = awaitPhase("ledgered", "Succeeded");
        assertEquals(3000, done.getStatus().getItems().getSucceeded());
        new JobOutcome(user, NS, "ledgered").assertEveryItemOnceInLedger(3000);
        assertEquals(List.of("ledgered-0-0", "ledgered-1-0", "ledgered-2-0"), startedPods("ledgered"));
    }

    /** What a user reads of each result: index, exit code, output. */
    private static List<String> summary(ParallelJobStatus s) {
        return s.getResults().stream().map(r -> r.getIndex() + ":" + r.getExitCode() + ":" + r.getOutput()).toList();
    }

    private long succeeded(String name) {
        ParallelJobStatus s = get(name).getStatus();
        return s == null || s.getItems() == null ? -1 : s.getItems().getSucceeded();
    }
}
