package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.LedgerChunk;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * What a user checks once a job has survived a fault: every item's result exactly once, in the
 * job's status and in its results ledger, and no worker pod held back by the result finalizer
 * (a pod that keeps it can only be deleted by hand).
 */
record JobOutcome(KubernetesClient client, String namespace, String name) {

    ParallelJob job() {
        return client.resources(ParallelJob.class).inNamespace(namespace).withName(name).get();
    }

    /** Every index 0..total-1 once in status and once in the ledger, and counted once. */
    void assertEveryItemOnce(int total) {
        ParallelJob done = job();
        List<Integer> all = IntStream.range(0, total).boxed().toList();
        assertEquals(all, done.getStatus().getResults().stream().map(r -> (int) r.getIndex()).toList(),
                "status has every item's result once");
        assertEquals(total, done.getStatus().getItems().getSucceeded() + done.getStatus().getItems().getFailed());
        assertEveryItemOnceInLedger(total);
    }

    /** Every index 0..total-1 exactly once in the ledger's chunks (for jobs whose status trims results). */
    void assertEveryItemOnceInLedger(int total) {
        List<Integer> all = IntStream.range(0, total).boxed().toList();
        Map<Integer, Integer> rows = ledgerRows();
        assertEquals(all, List.copyOf(rows.keySet()), "the ledger has every item");
        rows.forEach((index, n) -> assertEquals(1, n, "item " + index + " is in the ledger " + n + " times"));
    }

    /** How many times each index is in the ledger's chunks. */
    Map<Integer, Integer> ledgerRows() {
        Map<Integer, Integer> rows = new TreeMap<>();
        client.configMaps().inNamespace(namespace).withLabel(LedgerChunk.LABEL, name).list().getItems()
                .forEach(cm -> LedgerChunk.decode(Base64.getDecoder().decode(cm.getBinaryData().get(LedgerChunk.KEY)),
                        r -> rows.merge(r.index(), 1, Integer::sum)));
        return rows;
    }

    /** Within a few seconds no pod of the job keeps the result finalizer. */
    void assertNoFinalizerLeft() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertEquals(List.of(), pods().stream().filter(JobOutcome::held)
                        .map(p -> p.getMetadata().getName()).toList(), "pods still holding the result finalizer"));
    }

    List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabel(Labels.JOB, name).list().getItems();
    }

    private static boolean held(Pod p) {
        List<String> f = p.getMetadata().getFinalizers();
        return f != null && f.contains(Labels.RESULT_FINALIZER);
    }
}
