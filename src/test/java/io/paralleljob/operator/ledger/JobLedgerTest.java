package io.paralleljob.operator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.aggregate.ResultSelection;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's memory of a running job's ledger: every outcome, but outputs only where status
 * can show them, so a job of many results with large outputs does not fill the operator's heap.
 */
class JobLedgerTest {
    private static ItemRun run(int i, boolean ok) {
        return run(i, ok, 2048);
    }

    private static ItemRun run(int i, boolean ok, int outputSize) {
        return new ItemRun(i, "item-" + i, ok ? 0 : 1, "o".repeat(outputSize), ok ? null : "e".repeat(outputSize / 4),
                null, 1_000L + i, 10, 5L, 1, i % 10, 1L);
    }

    /** 20 000 results in chunks of 1000, every 7th failing, in the order pods happen to end. */
    private static List<ItemRun> recorded(JobLedger ledger) {
        return recorded(ledger, 2048);
    }

    private static List<ItemRun> recorded(JobLedger ledger, int outputSize) {
        List<ItemRun> all = new ArrayList<>();
        for (int chunk = 19; chunk >= 0; chunk--) { // high indexes first: the kept set must shift down
            List<ItemRun> rows = new ArrayList<>();
            for (int i = chunk * 1000; i < (chunk + 1) * 1000; i++) {
                rows.add(run(i, i % 7 != 0, outputSize));
            }
            ledger.chunkStored(rows);
            all.addAll(rows);
        }
        return all;
    }

    @Test
    void everyOutcomeIsKeptButOutputsOnlyWhereStatusCanListThem() {
        JobLedger ledger = new JobLedger();
        List<ItemRun> all = recorded(ledger);

        assertThat(ledger.runs()).hasSize(20_000);
        assertThat(ledger.runs().values().stream().filter(r -> !r.succeeded())).hasSize(2858);
        long detailed = ledger.runs().values().stream().filter(r -> !r.detailDropped()).count();
        assertThat(detailed).as("the lowest 1000 indexes of each outcome").isEqualTo(2 * ResultSelection.MAX_RESULTS);
        long heldBytes = ledger.runs().values().stream().mapToLong(r -> (r.output() == null ? 0 : r.output().length())
                + (r.stderrTail() == null ? 0 : r.stderrTail().length())).sum();
        System.out.printf("20 000 results of 2 KiB: %d KiB of output held (all of them: %d KiB)%n", heldBytes / 1024,
                all.stream().mapToLong(r -> r.output().length() + (r.stderrTail() == null ? 0 : r.stderrTail().length()))
                        .sum() / 1024);

        // What status lists is the same as if every output were still held.
        var compact = ResultSelection.select(List.copyOf(ledger.runs().values()));
        var full = ResultSelection.select(all);
        assertThat(compact.results()).extracting(r -> r.getIndex() + ":" + r.getOutput() + ":" + r.getStderr())
                .isEqualTo(full.results().stream().map(r -> r.getIndex() + ":" + r.getOutput() + ":" + r.getStderr())
                        .toList());
        assertThat(compact.omitted()).isEqualTo(full.omitted());
        assertThat(ledger.runs().get(0).output()).as("a failed item of the lowest indexes keeps its output")
                .hasSize(2048);
        assertThat(ledger.runs().get(19_998).detailDropped()).isTrue();
        assertThat(ledger.runs().get(19_998).succeeded()).isTrue();
        assertThat(ledger.runs().get(19_998).durationMillis()).as("timing stays for status.timing").isEqualTo(10);
    }

    @Test
    void aSuccessReplacingAFailureIsHeldAsOne() {
        JobLedger ledger = new JobLedger();
        recorded(ledger, 8); // small outputs: status could list a thousand failures
        ledger.chunkStored(List.of(run(7, true, 8)));

        assertThat(ledger.runs().get(7).succeeded()).isTrue();
        assertThat(ledger.runs().get(7).output()).hasSize(8);
        assertThat(ledger.runs().values().stream().filter(r -> !r.succeeded())).hasSize(2857);
        var listed = ResultSelection.select(List.copyOf(ledger.runs().values())).results();
        assertThat(listed).as("no result is listed without its output").allSatisfy(r -> {
            assertThat(r.getItem()).isNotNull();
            assertThat(r.getOutput()).hasSize(8);
        });
        assertThat(listed.stream().filter(r -> r.getExitCode() != 0)).as("the replaced failure's place stays taken")
                .hasSize(ResultSelection.MAX_RESULTS - 1);
    }
}
