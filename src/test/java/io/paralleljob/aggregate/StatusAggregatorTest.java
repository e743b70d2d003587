package io.paralleljob.aggregate;

import static io.paralleljob.aggregate.Runs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
    private static final Instant NOW = Instant.ofEpochMilli(T0 + 10_000);

    private static JobSnapshot finished(int total, List<ItemRun> runs) {
        return new JobSnapshot(3L, total, runs, Strategy.Threads, null, true, null, NOW);
    }

    private static Optional<Condition> condition(ParallelJobStatus st, String type) {
        return st.getConditions().stream().filter(c -> c.getType().equals(type)).findFirst();
    }

    @Test
    void allItemsSucceededMeansSucceededAndComplete() {
        // three 1 s items, all at once
        List<ItemRun> runs = List.of(Runs.ok(2, T0, 1000), Runs.ok(0, T0, 1000), Runs.ok(1, T0, 1000));
        ParallelJobStatus st = StatusAggregator.aggregate(finished(3, runs), null);

        assertThat(st.getPhase()).isEqualTo("Succeeded");
        assertThat(st.getStrategy()).isEqualTo("Threads");
        assertThat(st.getObservedGeneration()).isEqualTo(3L);
        assertThat(st.getItems().getTotal()).isEqualTo(3);
        assertThat(st.getItems().getSucceeded()).isEqualTo(3);
        assertThat(st.getItems().getFailed()).isZero();
        assertThat(st.getProgress()).isEqualTo("3/3");
        assertThat(st.getStartTime()).isEqualTo(Rfc3339.format(T0));
        assertThat(st.getCompletionTime()).isEqualTo(Rfc3339.format(NOW));
        assertThat(st.getTiming().getSpeedup()).isEqualTo(3.0);
        assertThat(st.getDuration()).isEqualTo("1.0s");
        assertThat(st.getResults()).extracting(ItemResult::getIndex).containsExactly(0L, 1L, 2L);
        assertThat(st.getResultsOmitted()).isNull();

        Condition complete = condition(st, Conditions.COMPLETE).orElseThrow();
        assertThat(complete.getStatus()).isEqualTo("True");
        assertThat(complete.getReason()).isEqualTo("AllItemsSucceeded");
        assertThat(complete.getMessage()).contains("3 of 3 items succeeded").contains("speedup 3.00x");
        assertThat(condition(st, Conditions.FAILED)).isEmpty();
        assertThat(condition(st, Conditions.RESULTS_TRUNCATED)).isEmpty();
        assertThat(condition(st, Conditions.STRATEGY_RESOLVED).orElseThrow().getReason()).isEqualTo("Declared");
    }

    @Test
    void aFinishedJobWithItemsWithoutResultsIsFailedNotSucceeded() {
        ParallelJobStatus st = StatusAggregator.aggregate(finished(4, List.of(Runs.ok(0, T0, 10), Runs.ok(1, T0, 10))),
                null);
        assertEquals("Failed", st.getPhase());
        var failed = st.getConditions().stream().filter(c -> c.getType().equals("Failed")).findFirst().orElseThrow();
        assertEquals("ItemsMissing", failed.getReason());
        assertEquals("2 of 4 items have no result", failed.getMessage());
    }

    @Test
    void completeAndFailedNeverStandTogether() {
        ParallelJobStatus failed = StatusAggregator.aggregate(finished(1, List.of(Runs.failed(0, 1, "x"))), null);
        ParallelJobStatus running = StatusAggregator.aggregate(new JobSnapshot(3L, 1, List.of(), Strategy.Threads, null,
                false, null, NOW), failed);
        assertTrue(running.getConditions().stream().noneMatch(c -> c.getType().equals("Failed")),
                "a job that runs again is not Failed: " + running.getConditions());
        ParallelJobStatus ok = StatusAggregator.aggregate(finished(1, List.of(Runs.ok(0, T0, 10))), running);
        assertEquals(List.of("StrategyResolved", "Complete"), ok.getConditions().stream().map(c -> c.getType()).toList());
    }

    @Test
    void failedItemsMakeTheJobFailedNamingTheirIndexes() {
        List<ItemRun> runs = List.of(Runs.ok(0, T0, 10), Runs.failed(4, 2, "starting\nZeroDivisionError: division by zero"),
                Runs.ok(1, T0, 10), Runs.failed(2, 1, null));
        ParallelJobStatus st = StatusAggregator.aggregate(finished(5, runs), null);

        assertThat(st.getPhase()).isEqualTo("Failed");
        assertThat(st.getItems().getSucceeded()).isEqualTo(2);
        assertThat(st.getItems().getFailed()).isEqualTo(2);
        assertThat(st.getProgress()).isEqualTo("4/5");
        assertThat(condition(st, Conditions.COMPLETE)).isEmpty();
        Condition failed = condition(st, Conditions.FAILED).orElseThrow();
        assertThat(failed.getStatus()).isEqualTo("True");
        assertThat(failed.getReason()).isEqualTo("ItemsFailed");
        assertThat(failed.getMessage()).contains("2 of 5 items failed (index 2, 4)")
                .contains("first: item 2 exited 1");
        assertThat(st.getResults()).extracting(ItemResult::getIndex).containsExactly(0L, 1L, 2L, 4L);
    }

    @Test
    void theFailureMessageQuotesTheLastStderrLineOrTheStartError() {
        ParallelJobStatus st = StatusAggregator.aggregate(finished(2,
                List.of(Runs.failed(1, 3, "warming up\nZeroDivisionError: division by zero\n"), Runs.ok(0, T0, 5))), null);
        assertThat(condition(st, Conditions.FAILED).orElseThrow().getMessage())
                .endsWith("first: item 1 exited 3: ZeroDivisionError: division by zero");

        ParallelJobStatus notFound = StatusAggregator.aggregate(finished(1,
                List.of(Runs.notStarted(0, "cannot start frobnicate: No such file or directory"))), null);
        assertThat(notFound.getPhase()).isEqualTo("Failed");
        assertThat(condition(notFound, Conditions.FAILED).orElseThrow().getMessage())
                .contains("item 0: cannot start frobnicate");
    }

    @Test
    void manyFailuresShowOnlyTheFirstIndexes() {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            runs.add(Runs.failed(i, 1, "x"));
        }
        String message = condition(StatusAggregator.aggregate(finished(9, runs), null), Conditions.FAILED)
                .orElseThrow().getMessage();
        assertThat(message).contains("9 of 9 items failed (index 0, 1, 2, 3, 4, …)").doesNotContain("5, ");
    }

    @Test
    void aJobLevelFailureFailsTheJobEvenIfEveryItemSucceeded() {
        JobSnapshot s = new JobSnapshot(null, 4, List.of(Runs.ok(0, T0, 5)), Strategy.Pods, null, true,
                new JobSnapshot.JobFailure("Interrupted", "stopped by a signal"), NOW);
        ParallelJobStatus st = StatusAggregator.aggregate(s, null);

        assertThat(st.getPhase()).isEqualTo("Failed");
        Condition failed = condition(st, Conditions.FAILED).orElseThrow();
        assertThat(failed.getReason()).isEqualTo("Interrupted");
        assertThat(failed.getMessage()).isEqualTo("stopped by a signal; 3 of 4 items have no result");
    }

    @Test
    void unfinishedJobsArePendingThenRunning() {
        ParallelJobStatus pending = StatusAggregator.aggregate(
                new JobSnapshot(1L, 3, List.of(), null, null, false, null, NOW), null);
        assertThat(pending.getPhase()).isEqualTo("Pending");
        assertThat(pending.getStartTime()).isNull();
        assertThat(pending.getConditions()).isEmpty();

        ParallelJobStatus running = StatusAggregator.aggregate(
                new JobSnapshot(1L, 3, List.of(Runs.failed(0, 1, "x")), Strategy.Threads, null, false, null, NOW), null);
        assertThat(running.getPhase()).as("a failed item does not end a running job").isEqualTo("Running");
        assertThat(running.getCompletionTime()).isNull();
        assertThat(running.getProgress()).isEqualTo("1/3");
        assertThat(running.getDuration()).as("time since the first start").isEqualTo("10.0s");
        assertThat(condition(running, Conditions.FAILED)).isEmpty();
        assertThat(condition(running, Conditions.COMPLETE)).isEmpty();
    }

    @Test
    void anAutoDecisionIsShownWithItsReason() {
        AutoDecision d = new AutoDecision();
        d.setStrategy("Pods");
        d.setReason("sample of 4 items used 1000 ms CPU in 1100 ms (91% >= 50%): CPU-bound, running as Pods");
        ParallelJobStatus st = StatusAggregator.aggregate(
                new JobSnapshot(null, 1, List.of(Runs.ok(0, T0, 5)), Strategy.Pods, d, true, null, NOW), null);

        assertThat(st.getDecision()).isSameAs(d);
        Condition resolved = condition(st, Conditions.STRATEGY_RESOLVED).orElseThrow();
        assertThat(resolved.getReason()).isEqualTo("Measured");
        assertThat(resolved.getMessage()).contains("91%");
    }

    @Test
    void conditionsKeepTheirTransitionTimeAcrossUpdates() {
        ParallelJobStatus running = StatusAggregator.aggregate(new JobSnapshot(1L, 2, List.of(Runs.ok(0, T0, 5)),
                Strategy.Threads, null, false, null, Instant.parse("2025-01-01T10:00:00Z")), null);
        ParallelJobStatus done = StatusAggregator.aggregate(new JobSnapshot(1L, 2,
                List.of(Runs.ok(0, T0, 5), Runs.ok(1, T0, 5)), Strategy.Threads, null, true, null,
                Instant.parse("2025-01-01T10:07:00Z")), running);

        assertThat(condition(done, Conditions.STRATEGY_RESOLVED).orElseThrow().getLastTransitionTime())
                .isEqualTo("2025-01-01T10:00:00Z");
        assertThat(condition(done, Conditions.COMPLETE).orElseThrow().getLastTransitionTime())
                .isEqualTo("2025-01-01T10:07:00Z");
    }

    @Test
    void aHugeJobsStatusIsBoundedAndSaysSo() throws Exception {
        List<ItemRun> runs = ResultSelectionTest.bigJob();
        ParallelJobStatus st = StatusAggregator.aggregate(finished(runs.size(), runs), null);

        assertThat(st.getPhase()).isEqualTo("Failed");
        assertThat(st.getItems().getFailed()).isEqualTo(100);
        assertThat(st.getResults()).hasSizeLessThanOrEqualTo(ResultSelection.MAX_RESULTS);
        assertThat(st.getResultsOmitted()).isEqualTo(5000 - st.getResults().size());
        Condition truncated = condition(st, Conditions.RESULTS_TRUNCATED).orElseThrow();
        assertThat(truncated.getStatus()).isEqualTo("True");
        assertThat(truncated.getMessage()).startsWith(st.getResultsOmitted() + " results left out");
        // far below what Kubernetes accepts for one object (about 1.5 MiB)
        assertThat(new ObjectMapper().writeValueAsBytes(st).length).isLessThan(512 * 1024);
    }

    /** Eight CPU-bound items started at once, each 270 ms of CPU and {@code waitEach} ms in the run queue. */
    private static List<ItemRun> contended(long waitEach) {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(new ItemRun(i, "item-" + i, 0, "", null, null, T0, 280 + waitEach, 270L, 1, 0, waitEach));
        }
        return runs;
    }

    private static JobSnapshot threads(List<ItemRun> runs, io.paralleljob.model.CpuAllowance cpus) {
        return new JobSnapshot(3L, runs.size(), runs, Strategy.Threads, null, true, null, NOW, null, cpus);
    }

    @Test
    void itemsWaitingForACpuMakeTheJobCpuStarvedAndTheMessageSaysWhy() {
        List<ItemRun> runs = contended(1750);
        ParallelJobStatus pinned = StatusAggregator.aggregate(threads(runs,
                new io.paralleljob.model.CpuAllowance(1, null, null)), null);

        assertThat(pinned.getTiming().getSpeedup()).isLessThan(1.2);
        assertThat(pinned.getTiming().getCpuWaitMillis()).isEqualTo(8 * 1750);
        Condition starved = condition(pinned, Conditions.CPU_STARVED).orElseThrow();
        assertThat(starved.getStatus()).isEqualTo("True");
        assertThat(starved.getReason()).isEqualTo("TooFewCPUs");
        assertThat(starved.getMessage()).startsWith("items spent 86% of their time waiting for a CPU (14000 of 16240 ms)")
                .contains("up to 8 items ran at once on 1 CPU").contains("together got 1.06 CPU")
                .contains("run them as Pods").contains("resources.limits.cpu").contains("lower parallelism");

        ParallelJobStatus limited = StatusAggregator.aggregate(threads(runs,
                new io.paralleljob.model.CpuAllowance(2, 0.5, "cgroup cpu.cfs_quota_us")), null);
        Condition quota = condition(limited, Conditions.CPU_STARVED).orElseThrow();
        assertThat(quota.getReason()).isEqualTo("CPULimit");
        assertThat(quota.getMessage()).contains("under the CPU limit of 0.5 CPU (cgroup cpu.cfs_quota_us)");

        ParallelJobStatus unknown = StatusAggregator.aggregate(threads(runs, null), null);
        assertThat(condition(unknown, Conditions.CPU_STARVED).orElseThrow().getMessage())
                .contains("up to 8 items ran at once, and together got 1.06 CPU");
    }

    @Test
    void aQuarterOfTheTimeWaitingIsTheThreshold() {
        // 280 ms of work and 94 ms waiting is 25.1% of 374 ms; 92 ms is 24.7%
        assertThat(condition(StatusAggregator.aggregate(threads(contended(94), null), null), Conditions.CPU_STARVED))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
        assertThat(condition(StatusAggregator.aggregate(threads(contended(92), null), null), Conditions.CPU_STARVED))
                .isEmpty();
    }

    @Test
    void aStarvationThatPassesIsShownAsOver() {
        ParallelJobStatus starved = StatusAggregator.aggregate(threads(contended(1750), null), null);
        List<ItemRun> later = new ArrayList<>(contended(1750));
        for (int i = 8; i < 80; i++) {
            later.add(new ItemRun(i, "item-" + i, 0, "", null, null, T0 + 3000, 2000, 1800L, 1, 0, 10L));
        }
        ParallelJobStatus recovered = StatusAggregator.aggregate(threads(later, null), starved);

        Condition over = condition(recovered, Conditions.CPU_STARVED).orElseThrow();
        assertThat(over.getStatus()).isEqualTo("False");
        assertThat(over.getReason()).isEqualTo("EnoughCPU");
    }

    @Test
    void unmeasuredWaitMakesNoClaim() {
        List<ItemRun> runs = List.of(Runs.ok(0, T0, 1000), Runs.ok(1, T0, 1000));
        ParallelJobStatus st = StatusAggregator.aggregate(finished(2, runs), null);

        assertThat(st.getTiming().isCpuWaitMeasured()).isFalse();
        assertThat(st.getTiming().getCpuWaitMillis()).isNull();
        assertThat(condition(st, Conditions.CPU_STARVED)).isEmpty();
    }

    @Test
    void resultsCarryTheirCpuWait() {
        ParallelJobStatus st = StatusAggregator.aggregate(threads(contended(500), null), null);

        assertThat(st.getResults()).extracting(ItemResult::getCpuWaitMillis).containsOnly(500L);
        assertThat(st.getTiming().isCpuWaitMeasured()).isTrue();
    }

    @Test
    void theCompleteConditionSaysTheJobsDurationAsStatusDoes() {
        List<ItemRun> runs = contended(0);
        // Started 4 s before the first item (pods scheduled, images pulled), finished at NOW.
        JobSnapshot s = new JobSnapshot(3L, runs.size(), runs, Strategy.Pods, null, true, null, NOW,
                java.time.Instant.ofEpochMilli(T0 - 4000));
        ParallelJobStatus st = StatusAggregator.aggregate(s, null);

        assertThat(condition(st, Conditions.COMPLETE).orElseThrow().getMessage())
                .contains("succeeded in " + st.getDuration() + " (");
    }

    @Test
    void aCommandThatNeverStartedMakesNoCpuStarvationClaim() {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // As the runner reports it: no exit code, the start error, a few ms all spent "waiting".
            runs.add(new ItemRun(i, "i", null, "", null, ItemRun.CANNOT_START + "pyhton3: No such file or directory",
                    T0, 3, 0L, 1, 0, 3L));
        }
        ParallelJobStatus st = StatusAggregator.aggregate(threads(runs, new io.paralleljob.model.CpuAllowance(1, null,
                null)), null);

        assertThat(condition(st, Conditions.CPU_STARVED)).isEmpty();
        assertThat(runs.get(0).withCpuWaitAdded(50)).as("the runner thread's failed exec is no item's wait")
                .isSameAs(runs.get(0));
    }
}
