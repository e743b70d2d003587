package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.ParallelJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One job run through a fault, in a namespace of its own with a kubelet of its own: three
 * one-pod-per-shard pods of two items each. Ends with what the user would check: the request
 * retried within {@link FaultRecoveryTest#RECOVERY} of the fault clearing, the job Succeeded, every
 * item's result once (status and ledger), each shard's pod started once, no error condition and
 * no finalizer left.
 */
record FaultRun(OperatorTestBase test, String namespace, String name) {
    static final int ITEMS = 6;

    /** @param fault the fault whose last answer starts the recovery clock, or null for one set up otherwise */
    JobOutcome run(FaultRule fault) {
        ParallelJob j = OperatorTestBase.job(name, "CPUBound", 3, ITEMS, "sh", "-c", "echo $PJ_ITEM");
        j.getMetadata().setNamespace(namespace);
        JobOutcome outcome = new JobOutcome(test.user, namespace, name);
        try (TestKubelet kubelet = new TestKubelet(test.as("test-kubelet"), test.server, namespace)) {
            long created = System.nanoTime();
            test.user.resource(j).create();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                ParallelJob now = outcome.job();
                return now.getStatus() != null && "Succeeded".equals(now.getStatus().getPhase());
            });
            Duration took = Duration.ofNanos(System.nanoTime() - created);
            if (fault == null) {
                // A canned server.expect() fault: only the whole run can be timed.
                System.out.printf("%s: Succeeded %d ms after the create%n", name, took.toMillis());
                assertTrue(took.compareTo(FaultRecoveryTest.RECOVERY.multipliedBy(3)) < 0, name + " took " + took);
            } else {
                // The retry that went through, timed from the fault clearing: what a backoff costs,
                // apart from how long the pods take on a loaded machine.
                assertTrue(fault.spent(), "the fault was met: " + fault.hits);
                System.out.printf("%s: retried %d ms after the fault cleared; Succeeded %d ms after the create%n",
                        name, fault.retryMillis(), took.toMillis());
                assertTrue(fault.retryMillis() >= 0 && fault.retryMillis() < FaultRecoveryTest.RECOVERY.toMillis(),
                        name + " retried " + fault.retryMillis() + " ms after the fault cleared");
            }
            outcome.assertEveryItemOnce(ITEMS);
            assertTrue(outcome.job().getStatus().getConditions().stream()
                    .noneMatch(c -> c.getType().equals("ReconcileError")), "the error condition is gone");
            outcome.assertNoFinalizerLeft();
            assertEquals(List.of(name + "-0-0", name + "-1-0", name + "-2-0"), kubelet.started.stream()
                    .map(p -> p.substring(namespace.length() + 1)).sorted().toList(), "each shard's pod started once");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return outcome;
    }

    /** Milliseconds between consecutive fault answers. */
    static List<Long> gapsMillis(List<Long> nanos) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < nanos.size(); i++) {
            gaps.add((nanos.get(i) - nanos.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }
}
