package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.model.LedgerChunk;
import io.paralleljob.operator.config.OperatorSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The results ledger at scale and across a restart: a hundred thousand results, every one
 * recorded exactly once, in chunks that each fit an object, written in batches; reruns of what
 * failed; items from a ConfigMap. Pods here are instant (the test kubelet writes the log a runner
 * would), because a hundred thousand processes would take minutes to start on a small machine.
 */
@QuarkusTest
@TestProfile(ResultsLedgerTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ResultsLedgerTest extends OperatorTestBase {
    /** Its own application: the first test stops the operator. */
    public static class OwnApp implements QuarkusTestProfile {
    }

    private static final long MIB = 1024 * 1024;

    @Inject
    Operator operator;

    @Inject
    OperatorSettings settings;

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE) // last: it stops the application's operator
    void aHundredThousandResultsAreRecordedOnceAcrossARestart() throws Exception {
        int total = 100_000;
        kubelet.instantPods("big-", 7);
        kubelet.holdPods("big-5-", "big-6-", "big-7-", "big-8-", "big-9-");
        create(job("big", "CPUBound", 10, total, "true"));
        // Half the pods end; their results reach the ledger and the pods are let go (their finalizer
        // removed: they stay, for their logs, until the job ends).
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> chunks("big").size() >= 1 && pods("big").stream()
                    .filter(p -> p.getMetadata().getFinalizers() == null || p.getMetadata().getFinalizers().isEmpty())
                    .count() == 5);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("chunks " + chunks("big").size() + "; pods " + pods("big").stream()
                    .map(p -> p.getMetadata().getName() + " " + p.getStatus().getPhase() + " "
                            + p.getMetadata().getFinalizers()).toList()
                    + "; status " + io.fabric8.kubernetes.client.utils.Serialization.asYaml(get("big").getStatus())
                            .lines().limit(40).toList() + "; kubelet " + kubelet.failures, e);
        }
        operator.stop();
        kubelet.releaseHeld(); // the other half ends while the operator is away

        Operator second = new Operator(ConfigurationService.newOverriddenConfigurationService(
                operator.getConfigurationService(), o -> o.withKubernetesClient(as("operator-2"))));
        second.register(new ParallelJobReconciler(settings,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        second.start();
        try {
            ParallelJob done = await().atMost(Duration.ofSeconds(90)).until(() -> get("big"),
                    j -> j.getStatus() != null && "Failed".equals(j.getStatus().getPhase()));
            int[] seen = new int[total];
            BitSet failed = new BitSet();
            List<ConfigMap> chunks = chunks("big");
            for (ConfigMap cm : chunks) {
                assertTrue(size(cm) < MIB, cm.getMetadata().getName() + " is " + size(cm) + " bytes");
                LedgerChunk.decode(Base64.getDecoder().decode(cm.getBinaryData().get(LedgerChunk.KEY)), r -> {
                    seen[r.index()]++;
                    if (!r.succeeded()) {
                        failed.set(r.index());
                    }
                });
            }
            for (int i = 0; i < total; i++) {
                assertEquals(1, seen[i], "item " + i + " is in the ledger exactly once");
            }
            BitSet sevens = new BitSet();
            for (int i = 0; i < total; i += 7) {
                sevens.set(i);
            }
            assertEquals(sevens, failed);
            assertEquals(sevens, IndexRanges.parseSet(done.getStatus().getFailedIndexes()),
                    "status lists every failed index, though its results are trimmed");
            assertEquals(total - sevens.cardinality(),
                    IndexRanges.parseSet(done.getStatus().getCompletedIndexes()).cardinality());
            assertTrue(size(done) < MIB, "the job is " + size(done) + " bytes");
            assertTrue(chunks.size() <= total / 1000, chunks.size() + " ledger writes for " + total + " results");
            assertEquals(Boolean.TRUE, done.getStatus().getResultsRef().getComplete());
            assertEquals((long) total, done.getStatus().getResultsRef().getRecorded());
            // What a user reads: `results big --failed -o jsonl`, the whole ledger through the command.
            var printed = new java.io.ByteArrayOutputStream();
            var said = new java.io.ByteArrayOutputStream();
            long readStart = System.nanoTime();
            int exit = new io.paralleljob.results.ResultsCommand(new java.io.PrintStream(printed, true,
                    java.nio.charset.StandardCharsets.UTF_8), new java.io.PrintStream(said, true,
                            java.nio.charset.StandardCharsets.UTF_8), () -> as("test-results"))
                    .run("big", "-n", NS, "--failed", "-o", "jsonl");
            assertEquals(0, exit, said.toString(java.nio.charset.StandardCharsets.UTF_8));
            BitSet listed = new BitSet();
            printed.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                    .forEach(l -> listed.set(io.paralleljob.model.ResultRows.parse(l).index()));
            assertEquals(sevens, listed, "results --failed lists exactly the failed items");
            System.out.printf("results big --failed: %d rows of %d results in %d ms%n", listed.cardinality(), total,
                    (System.nanoTime() - readStart) / 1_000_000);
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("ledger: %d chunks, largest %d bytes; job object %d bytes; test JVM heap after GC %d MiB%n",
                    chunks.size(), chunks.stream().mapToLong(ResultsLedgerTest::size).max().orElse(0), size(done),
                    heap / MIB);
            // Printed, not asserted: this is the whole test JVM's heap (every earlier test class's
            // application too), not the operator's; the operator's own heap needs its own process.
        } finally {
            second.stop();
        }
    }

    @Test
    void aRerunRunsExactlyTheFailedItemsUnderTheirIndexes() {
        kubelet.instantPods("orig-", 10);
        create(job("orig", "CPUBound", 4, 1000, "true"));
        ParallelJob orig = awaitPhase("orig", "Failed");
        assertEquals(100, orig.getStatus().getItems().getFailed());

        kubelet.instantPods("again-", 0); // fixed: everything succeeds now
        ParallelJob rerun = job("again", "CPUBound", 4, 1, "true");
        rerun.getSpec().setRange(null);
        rerun.getSpec().setItemsFrom(failedOf("orig"));
        create(rerun);
        ParallelJob done = awaitPhase("again", "Succeeded");
        assertEquals(100, done.getStatus().getItems().getTotal(), "only the failed items run");
        List<Integer> tens = new ArrayList<>();
        for (int i = 0; i < 1000; i += 10) {
            tens.add(i);
        }
        assertEquals(tens, indexes(done), "under the original indexes");
        assertEquals(IndexRanges.format(tens), done.getStatus().getCompletedIndexes());
        int[] rows = {0};
        chunks("again").forEach(cm -> LedgerChunk.decode(
                Base64.getDecoder().decode(cm.getBinaryData().get(LedgerChunk.KEY)), r -> rows[0]++));
        assertEquals(100, rows[0], "the rerun's ledger holds its 100 results");
    }

    private List<ConfigMap> chunks(String job) {
        return user.configMaps().inNamespace(NS).withLabel(LedgerChunk.LABEL, job).list().getItems();
    }

    private static long size(Object o) {
        return io.fabric8.kubernetes.client.utils.Serialization.asJson(o).getBytes(StandardCharsets.UTF_8).length;
    }

    static ItemsFrom failedOf(String name) {
        ItemsFrom from = new ItemsFrom();
        from.setFailedOf(name);
        return from;
    }

    static List<Integer> indexes(ParallelJob j) {
        List<Integer> out = new ArrayList<>();
        j.getStatus().getResults().forEach(r -> out.add((int) r.getIndex()));
        return out;
    }
}
