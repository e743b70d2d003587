package io.paralleljob.aggregate;

import io.paralleljob.api.Timing;
import io.paralleljob.model.ItemRun;
import java.util.Collection;

/** Derives status.timing from item outcomes: wall time, serial estimate, speed-up, CPU use, percentiles. */
public final class TimingCalculator {
    private TimingCalculator() {
    }

    public static Timing of(Collection<ItemRun> runs) {
        Timing t = new Timing();
        if (runs.isEmpty()) {
            return t;
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long sum = 0;
        long cpu = 0;
        long[] durations = new long[runs.size()];
        int i = 0;
        for (ItemRun r : runs) {
            first = Math.min(first, r.startEpochMillis());
            last = Math.max(last, r.endEpochMillis());
            sum += r.durationMillis();
            cpu += r.cpuMillis() == null ? 0 : r.cpuMillis();
            durations[i++] = r.durationMillis();
        }
        java.util.Arrays.sort(durations);
        long wall = Math.max(1, last - first);
        t.setWallMillis(wall);
        t.setItemMillisSum(sum);
        t.setSpeedup(round2((double) sum / wall));
        t.setCpuMillis(cpu);
        t.setCpuUtilization(sum == 0 ? 0 : round2((double) cpu / sum));
        t.setItemMillisP50(percentile(durations, 50));
        t.setItemMillisP95(percentile(durations, 95));
        t.setItemMillisMax(durations[durations.length - 1]);
        return t;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
