package io.paralleljob.aggregate;

import static io.paralleljob.aggregate.Runs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.Timing;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingCalculatorTest {

    private static ItemRun run(int index, long start, long duration, Long cpu) {
        return new ItemRun(index, "i", 0, "", null, null, start, duration, cpu, 1, 0);
    }

    private static ItemRun run(int index, long start, long duration, long cpu, Long cpuWait) {
        return new ItemRun(index, "i", 0, "", null, null, start, duration, cpu, 1, 0, cpuWait);
    }

    @Test
    void timeSpentWaitingForACpuIsNotSpeedup() {
        // The user's case: 8 items of 270 ms CPU as 8 threads pinned to one core. All start at
        // once and each takes about 2 s, of which 1.73 s waiting for the core: nothing was gained.
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(run(i, T0, 2050 - i * 10, 270, 2050 - i * 10 - 280L));
        }
        Timing t = TimingCalculator.of(runs);

        assertThat(t.getWallMillis()).isEqualTo(2050);
        assertThat(t.getItemMillisSum()).isEqualTo(16120);
        assertThat(t.getConcurrency()).as("the old figure, under its true name").isEqualTo(7.86);
        assertThat(t.getCpuWaitMillis()).isEqualTo(16120 - 8 * 280);
        assertThat(t.isCpuWaitMeasured()).isTrue();
        assertThat(t.getSerialMillis()).isEqualTo(8 * 280);
        assertThat(t.getSpeedup()).isEqualTo(1.09);
        assertThat(t.getBlockedMillis()).isEqualTo(8 * 10);
        assertThat(t.getCpuUtilization()).as("the items computed whenever they ran").isEqualTo(0.96);
    }

    @Test
    void waitingItemsOverlapForReal() {
        // 16 items waiting 600 ms on a server, all at once, 20 ms of CPU each
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            runs.add(run(i, T0, 640, 20, 15L));
        }
        Timing t = TimingCalculator.of(runs);

        assertThat(t.getSpeedup()).isEqualTo(15.63);
        assertThat(t.getConcurrency()).isEqualTo(16.0);
        assertThat(t.getCpuUtilization()).isEqualTo(0.03);
        assertThat(t.getBlockedMillis()).isEqualTo(16 * 605);
    }

    @Test
    void aMultiThreadedItemCountsAtLeastItsCpuTime() {
        // four threads on one core for 1 s: 1 s of CPU, 3 s of summed wait (more than its duration)
        Timing t = TimingCalculator.of(List.of(run(0, T0, 1000, 1000, 3000L)));

        assertThat(t.getSerialMillis()).isEqualTo(1000);
        assertThat(t.getSpeedup()).isEqualTo(1.0);
        assertThat(t.getCpuUtilization()).isEqualTo(1.0);
        assertThat(t.getBlockedMillis()).isZero();
    }

    @Test
    void unmeasuredWaitIsSaidNotGuessed() {
        Timing none = TimingCalculator.of(List.of(run(0, T0, 1000, 900L), run(1, T0, 1000, 900L)));
        assertThat(none.isCpuWaitMeasured()).isFalse();
        assertThat(none.getCpuWaitMillis()).isNull();
        assertThat(none.getSerialMillis()).as("an upper bound: any wait counts as item time").isEqualTo(2000);

        Timing some = TimingCalculator.of(List.of(run(0, T0, 1000, 300, 600L), run(1, T0, 1000, 900L)));
        assertThat(some.isCpuWaitMeasured()).isFalse();
        assertThat(some.getCpuWaitMillis()).as("what was measured").isEqualTo(600);
        assertThat(some.getSerialMillis()).isEqualTo(1400);
    }

    @Test
    void speedupIsSerialSumOverWallTime() {
        // four 1 s items, two at a time: 2 s of wall time for 4 s of work
        Timing t = TimingCalculator.of(List.of(run(0, T0, 1000, 900L), run(1, T0, 1000, 900L),
                run(2, T0 + 1000, 1000, 900L), run(3, T0 + 1000, 1000, 900L)));

        assertThat(t.getWallMillis()).isEqualTo(2000);
        assertThat(t.getItemMillisSum()).isEqualTo(4000);
        assertThat(t.getSpeedup()).isEqualTo(2.0);
        assertThat(t.getConcurrency()).isEqualTo(2.0);
        assertThat(t.getCpuMillis()).isEqualTo(3600);
        assertThat(t.getCpuUtilization()).isEqualTo(0.9);
    }

    @Test
    void wallTimeRunsFromFirstStartToLastEnd() {
        Timing t = TimingCalculator.of(List.of(run(0, T0 + 500, 100, 0L), run(1, T0, 3000, 0L), run(2, T0 + 10, 50, 0L)));

        assertThat(t.getWallMillis()).isEqualTo(3000);
        assertThat(t.getItemMillisSum()).isEqualTo(3150);
        assertThat(t.getSpeedup()).isEqualTo(1.05);
        assertThat(t.getItemMillisMax()).isEqualTo(3000);
    }

    @Test
    void percentilesAreNearestRank() {
        List<ItemRun> runs = new ArrayList<>();
        for (int d = 1; d <= 100; d++) {
            runs.add(run(d, T0, d * 10L, null));
        }
        Collections.shuffle(runs);
        Timing t = TimingCalculator.of(runs);

        assertThat(t.getItemMillisP50()).isEqualTo(500);
        assertThat(t.getItemMillisP95()).isEqualTo(950);
        assertThat(t.getItemMillisMax()).isEqualTo(1000);
        assertThat(t.getCpuMillis()).as("unmeasured CPU counts as none").isZero();
    }

    @Test
    void aSingleItemIsItsOwnPercentiles() {
        Timing t = TimingCalculator.of(List.of(run(0, T0, 42, 42L)));

        assertThat(t.getItemMillisP50()).isEqualTo(42);
        assertThat(t.getItemMillisP95()).isEqualTo(42);
        assertThat(t.getSpeedup()).isEqualTo(1.0);
        assertThat(t.getCpuUtilization()).isEqualTo(1.0);
    }

    @Test
    void instantItemsDoNotDivideByZero() {
        Timing t = TimingCalculator.of(List.of(run(0, T0, 0, 0L), run(1, T0, 0, 0L)));

        assertThat(t.getWallMillis()).isEqualTo(1);
        assertThat(t.getSpeedup()).isZero();
        assertThat(t.getCpuUtilization()).isZero();
    }

    @Test
    void noItemsGiveEmptyTiming() {
        Timing t = TimingCalculator.of(List.of());
        assertThat(t.getWallMillis()).isZero();
        assertThat(t.getItemMillisSum()).isZero();
    }
}
