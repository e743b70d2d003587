package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.AutoDecision;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoProbeTest {

    private static ItemRun run(int index, long durationMillis, Long cpuMillis, Long cpuWaitMillis) {
        return new ItemRun(index, "i" + index, 0, "", null, null, 1_000, durationMillis, cpuMillis, 1, null,
                cpuWaitMillis);
    }

    @Test
    void computingItemsChoosePods() {
        List<ItemRun> sample = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sample.add(run(i, 300, 270L, 0L)); // 270 ms computing, 30 ms blocked
        }
        AutoDecision d = AutoProbe.decide(sample);

        assertThat(d.getStrategy()).isEqualTo("Pods");
        assertThat(d.getWorkload()).isEqualTo("CPUBound");
        assertThat(d.getSampleItems()).isEqualTo(4);
        assertThat(d.getCpuMillis()).isEqualTo(1080);
        assertThat(d.getItemMillisSum()).isEqualTo(1200);
        assertThat(d.getCpuWaitMillis()).isZero();
        assertThat(d.getBlockedMillis()).isEqualTo(120);
        assertThat(d.getComputingShare()).isEqualTo(0.9);
        assertThat(d.getThreshold()).isEqualTo(0.5);
        assertThat(d.getReason()).contains("90%").contains("CPU-bound").contains("Pods");
    }

    @Test
    void waitingItemsChooseThreads() {
        List<ItemRun> sample = List.of(run(0, 500, 10L, 1L), run(1, 500, 20L, 0L), run(2, 500, 0L, 0L),
                run(3, 500, 10L, 2L));
        AutoDecision d = AutoProbe.decide(sample);

        assertThat(d.getStrategy()).isEqualTo("Threads");
        assertThat(d.getWorkload()).isEqualTo("IOBound");
        assertThat(d.getComputingShare()).isEqualTo(0.02);
        assertThat(d.getReason()).contains("2%").contains("I/O-bound").contains("Threads");
    }

    @Test
    void theThresholdItselfCountsAsCpuBound() {
        assertThat(AutoProbe.decide(List.of(run(0, 200, 100L, 0L))).getStrategy()).isEqualTo("Pods");
        assertThat(AutoProbe.decide(List.of(run(0, 200, 98L, 0L))).getStrategy()).isEqualTo("Threads");
    }

    @Test
    void timeSpentWaitingForACpuDoesNotMakeComputingItemsLookIdle() {
        // 300 ms of CPU each, but a busy node (or a 250m limit) made them take 1200 ms: 900 ms in the run queue
        List<ItemRun> starved = List.of(run(0, 1200, 300L, 880L), run(1, 1200, 300L, 890L));

        AutoDecision d = AutoProbe.decide(starved);
        assertThat(d.getStrategy()).isEqualTo("Pods");
        assertThat(d.getCpuWaitMillis()).isEqualTo(1770);
        assertThat(d.getBlockedMillis()).isEqualTo(30);
        assertThat(d.getComputingShare()).isGreaterThan(0.9);
        assertThat(d.getReason()).contains("1770 ms waiting for a CPU");
    }

    @Test
    void theDecisionIsTheSameOnAnIdleAndOnABusyNode() {
        // python start-up (80 ms of CPU) then a 250 ms sleep; on a busy node the start-up queues for a CPU
        AutoDecision idle = AutoProbe.decide(List.of(run(0, 335, 80L, 5L), run(1, 334, 82L, 2L)));
        AutoDecision busy = AutoProbe.decide(List.of(run(0, 610, 84L, 276L), run(1, 700, 81L, 369L)));

        assertThat(idle.getStrategy()).isEqualTo("Threads");
        assertThat(busy.getStrategy()).isEqualTo("Threads");
        assertThat(busy.getComputingShare()).isCloseTo(idle.getComputingShare(), org.assertj.core.data.Offset.offset(0.05));
        assertThat(idle.getComputingShare()).isBetween(0.2, 0.3);
    }

    @Test
    void withoutSchedstatWaitCountsAsBlockedAndTheReasonSaysSo() {
        AutoDecision d = AutoProbe.decide(List.of(run(0, 300, 270L, null), run(1, 300, 280L, null)));

        assertThat(d.getStrategy()).isEqualTo("Pods");
        assertThat(d.getCpuWaitMillis()).isNull();
        assertThat(d.getBlockedMillis()).isEqualTo(50);
        assertThat(d.getReason()).contains("CPU wait not measured");
    }

    @Test
    void unmeasurableCpuFallsBackToThreadsAndSaysWhy() {
        AutoDecision d = AutoProbe.decide(List.of(run(0, 300, null, null), run(1, 300, null, null)));

        assertThat(d.getStrategy()).isEqualTo("Threads");
        assertThat(d.getReason()).contains("cannot be measured");
    }

    @Test
    void anItemWithoutACpuFigureDoesNotHideTheOthers() {
        // a runner error leaves one item without a figure; the other one clearly computes
        AutoDecision d = AutoProbe.decide(List.of(run(0, 300, null, null), run(1, 300, 300L, 0L)));

        assertThat(d.getStrategy()).isEqualTo("Pods");
        assertThat(d.getReason()).doesNotContain("cannot be measured").doesNotContain("not measured");
    }

    /**
     * A pyenv shim's few-ms processes start and end between two samples: their CPU is counted
     * exactly, their wait is not seen. Left as "blocked", it makes computing items look idle on a
     * contended CPU; the estimate of that wait keeps them CPU-bound, and is named as an estimate.
     */
    @Test
    void waitTheSamplerCouldNotSeeIsNotTakenForIo() {
        // 400 ms of CPU, 1200 ms of seen wait, 500 ms unaccounted of which about 450 ms is unseen wait
        List<ItemRun> seenOnly = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> new ItemRun(i, "i", 0, "", null, null, 1_000, 2_100, 400L, 1, null, 1_200L)).toList();
        List<ItemRun> withEstimate = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> new ItemRun(i, "i", 0, "", null, null, 1_000, 2_100, 400L, 1, null, 1_200L, 450L))
                .toList();

        assertThat(AutoProbe.decide(seenOnly).getStrategy()).as("without the estimate: 44% computing")
                .isEqualTo("Threads");
        AutoDecision d = AutoProbe.decide(withEstimate);
        assertThat(d.getStrategy()).as(d.getReason()).isEqualTo("Pods");
        assertThat(d.getUnseenWaitEstimateMillis()).isEqualTo(1_800L);
        assertThat(d.getBlockedMillis()).isEqualTo(200L);
        assertThat(d.getReason()).contains("estimated");
    }
}
