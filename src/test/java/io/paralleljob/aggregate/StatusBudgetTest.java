package io.paralleljob.aggregate;

import static io.paralleljob.aggregate.Runs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.ShardStatus;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every status the operator writes fits the object it is stored in, whatever the job's size. */
class StatusBudgetTest {
    private static final Instant NOW = Instant.ofEpochMilli(T0 + 60_000);

    /** A CPUBound job at the largest parallelism: 10 000 shards, 20 000 items, every output 4 KiB. */
    private static ParallelJobStatus largestJob() {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            runs.add(new ItemRun(i, "item-" + i, i % 97 == 0 ? 1 : 0, "x".repeat(4096), i % 97 == 0 ? "e".repeat(1024)
                    : null, null, T0, 100, 10L, 1, i % 10_000));
        }
        List<ShardStatus> shards = new ArrayList<>();
        for (int s = 0; s < 10_000; s++) {
            ShardStatus st = new ShardStatus();
            st.setName(Integer.toString(s));
            st.setPod("a-job-name-of-fifty-characters-aaaaaaaaaaaaaaaaaa-" + s + "-0");
            st.setPhase(s % 1000 == 0 ? "Failed" : "Succeeded");
            st.setAttempts(1);
            st.setItems(2);
            st.setDone(2);
            shards.add(st);
        }
        JobSnapshot snap = new JobSnapshot(1L, 20_000, runs, Strategy.Pods, null, true, null, NOW,
                Instant.ofEpochMilli(T0));
        return StatusBuilder.after(null, NOW).generation(1L).items(snap).pods(shards, 3, 0).build();
    }

    @Test
    void theStatusOfTenThousandShardsListsSomeAndCountsAll() {
        ParallelJobStatus st = largestJob();

        assertThat(st.getShards()).hasSize(ShardSelection.MAX_LISTED);
        assertThat(st.getShards().stream().filter(s -> "Failed".equals(s.getPhase()))).as("unfinished first")
                .hasSize(10);
        assertThat(st.getShardsOmitted()).isEqualTo(10_000 - ShardSelection.MAX_LISTED);
        assertThat(st.getShardCounts().getTotal()).isEqualTo(10_000);
        assertThat(st.getShardCounts().getFailed()).isEqualTo(10);
        long size = JsonSize.of(st);
        System.out.printf("status of 10 000 shards and 20 000 4-KiB results: %d bytes (budget %d)%n", size,
                StatusBudget.OBJECT_BUDGET);
        assertThat(size).isLessThan(StatusBudget.OBJECT_BUDGET - 600 * 1024);
    }

    @Test
    void aLargeSpecLeavesLessAndResultsGoFirstFailedOnesLast() {
        ParallelJobStatus st = largestJob();
        long budget = 100 * 1024; // what a spec of about 1.1 MB leaves
        ParallelJobStatus fitted = StatusBudget.fit(st, budget, NOW);

        assertThat(JsonSize.of(fitted)).isLessThanOrEqualTo(budget);
        assertThat(fitted.getResults()).isNotEmpty().allSatisfy(r -> assertThat(r.getExitCode()).isEqualTo(1));
        assertThat(fitted.getResults()).extracting(ItemResult::getIndex).isSorted();
        assertThat(fitted.getResultsOmitted()).isEqualTo(20_000 - fitted.getResults().size());
        assertThat(fitted.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo(Conditions.RESULTS_TRUNCATED);
            assertThat(c.getMessage()).startsWith(fitted.getResultsOmitted() + " results");
        });
        assertThat(fitted.getItems().getTotal()).as("counts always stay").isEqualTo(20_000);
        assertThat(StatusBudget.fit(fitted, budget, NOW)).as("a status that fits is left alone").isSameAs(fitted);

        ParallelJobStatus tiny = StatusBudget.fit(st, 8 * 1024, NOW);
        assertThat(tiny.getResults()).isEmpty();
        assertThat(tiny.getShards()).as("then the shard list goes; its counts stay").isNull();
        assertThat(tiny.getShardCounts().getTotal()).isEqualTo(10_000);
    }

    @Test
    void sizesAreCountedAsTheApiServerEscapes() {
        assertThat(JsonSize.of("abc")).isEqualTo(5);
        assertThat(JsonSize.of("<&>")).as("Go writes \\u003c for <").isEqualTo(2 + 18);
        assertThat(JsonSize.of("\"\n")).isEqualTo(2 + 4);
        assertThat(JsonSize.of("\u00e9")).as("UTF-8").isEqualTo(2 + 2);
        assertThat(JsonSize.of("\u0001")).isEqualTo(2 + 6);
    }

    @Test
    void resultsFullOfHtmlAreBudgetedAtTheirStoredSize() {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            runs.add(new ItemRun(i, "i", 0, "<".repeat(4000), null, null, T0, 1, 1L, 1, 0));
        }
        ResultSelection.Selected s = ResultSelection.select(runs);
        long stored = s.results().stream().mapToLong(JsonSize::of).sum();
        assertThat(stored).isLessThanOrEqualTo(ResultSelection.MAX_BYTES);
        assertThat(s.results().size()).as("about 10 of 24 KB each, not 60 of 4 KB").isBetween(5, 12);
    }

    /** 100 000 items, every other one failing: the worst pattern for range strings. */
    private static ParallelJobStatus alternating(int items) {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < items; i++) {
            runs.add(new ItemRun(i, Integer.toString(i), i % 2, "", null, null, T0, 1, 1L, 1, 0));
        }
        JobSnapshot snap = new JobSnapshot(1L, items, runs, Strategy.Pods, null, true, null, NOW,
                Instant.ofEpochMilli(T0));
        return StatusBuilder.after(null, NOW).generation(1L).items(snap).build();
    }

    @Test
    void theIndexSetsOfAHundredThousandAlternatingItemsStayWhole() {
        ParallelJobStatus st = StatusBudget.fit(alternating(100_000), StatusBudget.OBJECT_BUDGET - 4096, NOW);

        assertThat(io.paralleljob.model.IndexRanges.parseSet(st.getFailedIndexes()).cardinality()).isEqualTo(50_000);
        assertThat(io.paralleljob.model.IndexRanges.parseSet(st.getCompletedIndexes()).cardinality())
                .isEqualTo(50_000);
        assertThat(st.getConditions()).noneSatisfy(c -> assertThat(c.getType())
                .isEqualTo(Conditions.INDEXES_TRUNCATED));
    }

    @Test
    void indexSetsTooLongForTheObjectAreCutCompletedFirstAndSaySo() {
        ParallelJobStatus st = alternating(100_000);
        long budget = 400 * 1024; // what a spec of about 850 KB leaves
        ParallelJobStatus fitted = StatusBudget.fit(st, budget, NOW);

        assertThat(JsonSize.of(fitted)).isLessThanOrEqualTo(budget);
        assertThat(fitted.getFailedIndexes()).as("failed ones are what a user reruns: kept whole while they fit")
                .isEqualTo(st.getFailedIndexes());
        assertThat(fitted.getCompletedIndexes()).endsWith(",…");
        String kept = fitted.getCompletedIndexes().substring(0, fitted.getCompletedIndexes().length() - 2);
        assertThat(st.getCompletedIndexes()).as("cut after a whole range, naming no index wrongly")
                .startsWith(kept + ",");
        assertThat(fitted.getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo(Conditions.INDEXES_TRUNCATED);
            assertThat(c.getMessage()).startsWith("status.completedIndexes ends in \"…\"")
                    .contains("results NAME --failed");
        });

        ParallelJobStatus later = StatusBudget.fit(alternating(100_000), budget, NOW.plusSeconds(30),
                fitted.getConditions());
        assertThat(later.getConditions()).as("cut again on the next write: the condition keeps its time")
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo(Conditions.INDEXES_TRUNCATED);
                    assertThat(c.getLastTransitionTime()).isEqualTo(Rfc3339.format(NOW));
                });
        assertThat(io.paralleljob.model.IndexRanges.cut("…", 0)).isEqualTo("…");
        assertThat(io.paralleljob.model.IndexRanges.cut("1,3,5,…", 1)).isEqualTo("…");

        ParallelJobStatus tight = StatusBudget.fit(st, 120 * 1024, NOW);
        assertThat(JsonSize.of(tight)).isLessThanOrEqualTo(120 * 1024);
        assertThat(tight.getFailedIndexes()).endsWith(",…");
        assertThat(tight.getConditions()).anySatisfy(c -> assertThat(c.getMessage())
                .startsWith("status.failedIndexes and completedIndexes end"));
    }
}
