package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.AutoDecision;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoProbeTest {

    private static ItemRun run(int index, long durationMillis, Long cpuMillis) {
        return new ItemRun(index, "i" + index, 0, "", null, null, 1_000, durationMillis, cpuMillis, 1, null);
    }

    @Test
    void sampleIsSpreadOverTheWholeList() {
        assertThat(AutoProbe.sampleIndexes(100)).containsExactly(0, 25, 50, 75);
        assertThat(AutoProbe.sampleIndexes(1000)).containsExactly(0, 250, 500, 750);
    }

    @Test
    void sampleNeverExceedsTheItemsThereAre() {
        assertThat(AutoProbe.sampleIndexes(0)).isEmpty();
        assertThat(AutoProbe.sampleIndexes(1)).containsExactly(0);
        assertThat(AutoProbe.sampleIndexes(3)).containsExactly(0, 1, 2);
        for (int n = 1; n <= 50; n++) {
            int total = n;
            List<Integer> sample = AutoProbe.sampleIndexes(total);
            assertThat(sample).hasSize(Math.min(total, AutoProbe.SAMPLE_SIZE))
                    .doesNotHaveDuplicates()
                    .isSorted()
                    .allSatisfy(i -> assertThat(i).isBetween(0, total - 1));
        }
    }

    @Test
    void sampleConcurrencyIsCappedByCpus() {
        assertThat(AutoProbe.sampleConcurrency(4, 2)).isEqualTo(2);
        assertThat(AutoProbe.sampleConcurrency(4, 16)).isEqualTo(4);
        assertThat(AutoProbe.sampleConcurrency(0, 2)).isEqualTo(1);
    }

    @Test
    void highCpuUtilizationChoosesPods() {
        List<ItemRun> sample = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sample.add(run(i, 300, 270L)); // 90 %
        }
        AutoDecision d = AutoProbe.decide(sample, 1.0);

        assertThat(d.getStrategy()).isEqualTo("Pods");
        assertThat(d.getWorkload()).isEqualTo("CPUBound");
        assertThat(d.getSampleItems()).isEqualTo(4);
        assertThat(d.getCpuMillis()).isEqualTo(1080);
        assertThat(d.getItemMillisSum()).isEqualTo(1200);
        assertThat(d.getCpuUtilization()).isEqualTo(0.9);
        assertThat(d.getReason()).contains("90%").contains("Pods");
    }

    @Test
    void lowCpuUtilizationChoosesThreads() {
        List<ItemRun> sample = List.of(run(0, 500, 10L), run(1, 500, 20L), run(2, 500, 0L), run(3, 500, 10L));
        AutoDecision d = AutoProbe.decide(sample, 1.0);

        assertThat(d.getStrategy()).isEqualTo("Threads");
        assertThat(d.getWorkload()).isEqualTo("IOBound");
        assertThat(d.getCpuUtilization()).isEqualTo(0.02);
        assertThat(d.getReason()).contains("2%").contains("Threads");
    }

    @Test
    void theThresholdItselfCountsAsCpuBound() {
        assertThat(AutoProbe.decide(List.of(run(0, 200, 100L)), 1.0).getStrategy()).isEqualTo("Pods");
        assertThat(AutoProbe.decide(List.of(run(0, 200, 98L)), 1.0).getStrategy()).isEqualTo("Threads");
    }

    @Test
    void utilizationIsJudgedAgainstTheCpuTheItemsCouldGet() {
        // 40% of a CPU on a node where a busy thread only gets half a CPU: the items were 80% busy
        List<ItemRun> sample = List.of(run(0, 1000, 400L), run(1, 1000, 400L));

        AutoDecision throttled = AutoProbe.decide(sample, 0.5);
        assertThat(throttled.getStrategy()).isEqualTo("Pods");
        assertThat(throttled.getCpuUtilization()).isEqualTo(0.4);
        assertThat(throttled.getCpuCapacity()).isEqualTo(0.5);
        assertThat(throttled.getBusyFraction()).isEqualTo(0.8);
        assertThat(throttled.getReason()).contains("80%");

        AutoDecision idleNode = AutoProbe.decide(sample, 1.0);
        assertThat(idleNode.getStrategy()).isEqualTo("Threads");
        assertThat(idleNode.getReason()).contains("40%");
    }

    @Test
    void unmeasurableCpuFallsBackToThreadsAndSaysWhy() {
        AutoDecision d = AutoProbe.decide(List.of(run(0, 300, null), run(1, 300, null)), 1.0);

        assertThat(d.getStrategy()).isEqualTo("Threads");
        assertThat(d.getReason()).contains("cannot be measured");
    }

    @Test
    void anItemWithoutACpuFigureDoesNotHideTheOthers() {
        // a runner error leaves one item without a figure; the other one clearly computes
        AutoDecision d = AutoProbe.decide(List.of(run(0, 300, null), run(1, 300, 300L)), 1.0);

        assertThat(d.getStrategy()).isEqualTo("Pods");
        assertThat(d.getReason()).doesNotContain("cannot be measured");
    }
}
