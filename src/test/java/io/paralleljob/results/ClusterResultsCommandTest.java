package io.paralleljob.results;

import static io.paralleljob.results.Rows.failed;
import static io.paralleljob.results.Rows.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.LedgerChunk;
import io.paralleljob.model.ResultRows;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code results NAME} against Fabric8's mock API server: the chunks are written as the operator
 * writes them (LedgerChunk), so what is tested is what a user sees of a real ledger.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterResultsCommandTest {
    static KubernetesClient client;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int results(String... args) {
        out.reset();
        err.reset();
        // A client of its own: the command closes the one it is given.
        return new ResultsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build()).run(args);
    }

    private List<ItemRun> printed() {
        return out.toString(StandardCharsets.UTF_8).lines().map(ResultRows::parse).toList();
    }

    private static ParallelJob job(String name, String failedOf, String phase) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("jobs").withUid("uid-" + name).build());
        ParallelJobSpec spec = new ParallelJobSpec();
        if (failedOf != null) {
            ItemsFrom from = new ItemsFrom();
            from.setFailedOf(failedOf);
            spec.setItemsFrom(from);
        }
        job.setSpec(spec);
        ParallelJobStatus status = new ParallelJobStatus();
        status.setPhase(phase);
        job.setStatus(status);
        return client.resource(job).create();
    }

    /** A chunk as ResultsLedger writes it: labelled with the job, numbered, owned by the job's UID. */
    private static void chunk(String job, String ownerUid, int sequence, List<ItemRun> rows) {
        client.configMaps().inNamespace("jobs").resource(new ConfigMapBuilder().withNewMetadata()
                .withName(job + "-results-" + sequence + "-" + ownerUid)
                .addToLabels(LedgerChunk.LABEL, job).addToLabels(LedgerChunk.SEQUENCE, Integer.toString(sequence))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(ParallelJob.API_VERSION)
                        .withKind(ParallelJob.KIND).withName(job).withUid(ownerUid).build())
                .endMetadata()
                .addToBinaryData(LedgerChunk.KEY, Base64.getEncoder().encodeToString(LedgerChunk.encode(rows)))
                .build()).create();
    }

    @Test
    void everyResultOfEveryChunkInIndexOrderTheLaterChunkWinning() {
        ParallelJob j = job("many", null, "Succeeded");
        String uid = j.getMetadata().getUid();
        // Ten chunks (more than one page of the listing), written in an order that is not the index order.
        for (int c = 9; c >= 0; c--) {
            List<ItemRun> rows = new ArrayList<>();
            for (int i = c * 10; i < c * 10 + 10; i++) {
                rows.add(i == 42 && c == 4 ? failed(i, "i" + i, 1, "first pod died") : ok(i, "i" + i, "o" + i));
            }
            chunk("many", uid, c, c == 9 ? List.of() : rows);
        }
        chunk("many", uid, 10, List.of(ok(42, "i42", "replacement")));  // a replacement pod's success
        chunk("many", uid, 11, rowsOf(90, 100));
        // A chunk of a deleted predecessor with the same name, not yet collected: not this job's.
        chunk("many", "uid-predecessor", 0, List.of(failed(5, "old", 9, "old")));

        assertThat(results("many", "-n", "jobs")).as(err.toString()).isZero();
        List<ItemRun> rows = printed();
        assertThat(rows).extracting(ItemRun::index).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 100).boxed().toList());
        assertThat(rows.get(42).output()).isEqualTo("replacement");
        assertThat(rows.get(5).item()).isEqualTo("i5");

        assertThat(results("many", "-n", "jobs", "--failed")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static List<ItemRun> rowsOf(int from, int to) {
        List<ItemRun> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            rows.add(ok(i, "i" + i, "o" + i));
        }
        return rows;
    }

    @Test
    void aRerunChainShowsEachItemsLatestOutcomeInOneView() {
        // first: 30 items, every 7th fails; second reruns those (0, 7, 14, 21, 28): 7 still fails;
        // third reruns 7, which fails again with another code.
        chunk("first", job("first", null, "Failed").getMetadata().getUid(), 0, java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> i % 7 == 0 ? failed(i, "w" + i, 1, "flaky") : ok(i, "w" + i, "W" + i)).toList());
        chunk("second", job("second", "first", "Failed").getMetadata().getUid(), 0,
                List.of(ok(0, "w0", "fixed"), failed(7, "w7", 2, "still"), ok(14, "w14", "fixed"), ok(21, "w21", "fixed"),
                        ok(28, "w28", "fixed")));
        chunk("third", job("third", "second", "Failed").getMetadata().getUid(), 0, List.of(failed(7, "w7", 5, "again")));

        assertThat(results("third", "-n", "jobs")).as(err.toString()).isZero();
        List<ItemRun> rows = printed();
        assertThat(rows).hasSize(30);
        assertThat(rows.get(0).output()).isEqualTo("fixed");
        assertThat(rows.get(3).output()).isEqualTo("W3");
        assertThat(results("third", "-n", "jobs", "--failed", "-o", "csv")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly(RowFormat.CSV_HEADER, "7,w7,5,2,1700000000007,15,4,,,again");
        assertThat(results("second", "-n", "jobs", "--failed")).isZero();
        assertThat(printed()).extracting(ItemRun::exitCode).containsExactly(2);
    }

    @Test
    void aRerunWhoseEarlierJobIsGoneShowsItsOwnWithAWarning() {
        chunk("orphan", job("orphan", "deleted-long-ago", "Succeeded").getMetadata().getUid(), 0, rowsOf(3, 5));
        assertThat(results("orphan", "-n", "jobs")).isZero();
        assertThat(printed()).extracting(ItemRun::index).containsExactly(3, 4);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("warning: ParallelJob deleted-long-ago, whose "
                + "failures orphan reruns, is gone: its outcomes are not shown\n");
    }

    @Test
    void whatCannotBeReadIsOneLineAndExitOne() {
        assertThat(results("nosuch", "-n", "jobs")).isEqualTo(ResultsCommand.EXIT_UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: no ParallelJob nosuch in namespace jobs\n");

        job("young", null, "Running");
        assertThat(results("young", "-n", "jobs")).isEqualTo(ResultsCommand.EXIT_UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: ParallelJob young in namespace jobs has no "
                + "results ledger yet (it is Running): results are written in batches as its pods end\n");

        String uid = job("broken", null, "Succeeded").getMetadata().getUid();
        client.configMaps().inNamespace("jobs").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("broken-results-x").addToLabels(LedgerChunk.LABEL, "broken")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(ParallelJob.API_VERSION)
                        .withKind(ParallelJob.KIND).withName("broken").withUid(uid).build())
                .endMetadata().addToBinaryData(LedgerChunk.KEY, Base64.getEncoder().encodeToString(
                        "not gzip".getBytes(StandardCharsets.UTF_8))).build()).create();
        assertThat(results("broken", "-n", "jobs")).isEqualTo(ResultsCommand.EXIT_UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: results chunk broken-results-x of "
                + "ParallelJob broken is unreadable: ");
        assertThat(err.toString(StandardCharsets.UTF_8).lines().count()).isOne();
    }
}
