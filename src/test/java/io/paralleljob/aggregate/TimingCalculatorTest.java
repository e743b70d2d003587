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

    @Test
    void speedupIsSerialSumOverWallTime() {
        // four 1 s items, two at a time: 2 s of wall time for 4 s of work
        Timing t = TimingCalculator.of(List.of(run(0, T0, 1000, 900L), run(1, T0, 1000, 900L),
                run(2, T0 + 1000, 1000, 900L), run(3, T0 + 1000, 1000, 900L)));

        assertThat(t.getWallMillis()).isEqualTo(2000);
        assertThat(t.getItemMillisSum()).isEqualTo(4000);
        assertThat(t.getSpeedup()).isEqualTo(2.0);
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
