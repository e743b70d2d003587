package io.paralleljob.aggregate;

import io.paralleljob.api.Timing;
import io.paralleljob.model.ItemRun;
import java.util.Collection;

/**
 * Derives status.timing from item outcomes. Each item's time splits three ways: on a CPU, waiting
 * for a CPU, blocked (the rest). Waiting for a CPU is contention, not work: an item that took 2 s
 * because seven others shared its core would take 0.27 s alone. So the serial estimate leaves it
 * out, and the speed-up is that estimate over the wall time; the old figure, the sum of durations
 * over the wall time, is kept under its true name, concurrency.
 */
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
        long wait = 0;
        long serial = 0;
        long blocked = 0;
        int waitKnown = 0;
        long[] durations = new long[runs.size()];
        int i = 0;
        for (ItemRun r : runs) {
            first = Math.min(first, r.startEpochMillis());
            last = Math.max(last, r.endEpochMillis());
            long itemCpu = r.cpuMillis() == null ? 0 : r.cpuMillis();
            long itemWait = r.cpuWaitMillis() == null ? 0 : r.cpuWaitMillis();
            waitKnown += r.cpuWaitMillis() == null ? 0 : 1;
            sum += r.durationMillis();
            cpu += itemCpu;
            wait += itemWait;
            serial += serialMillis(r.durationMillis(), itemCpu, itemWait);
            blocked += Math.max(0, r.durationMillis() - itemCpu - itemWait);
            durations[i++] = r.durationMillis();
        }
        java.util.Arrays.sort(durations);
        long wall = Math.max(1, last - first);
        t.setWallMillis(wall);
        t.setItemMillisSum(sum);
        t.setSerialMillis(serial);
        t.setSpeedup(round2((double) serial / wall));
        t.setConcurrency(round2((double) sum / wall));
        t.setCpuMillis(cpu);
        t.setCpuWaitMillis(waitKnown > 0 ? wait : null);
        t.setCpuWaitMeasured(waitKnown == runs.size());
        t.setBlockedMillis(blocked);
        t.setCpuUtilization(serial == 0 ? 0 : round2((double) cpu / serial));
        t.setItemMillisP50(percentile(durations, 50));
        t.setItemMillisP95(percentile(durations, 95));
        t.setItemMillisMax(durations[durations.length - 1]);
        return t;
    }

    /**
     * An item one at a time on a free CPU: its duration without its CPU wait. Threads of one item
     * wait side by side, so a multi-threaded item's summed wait can exceed its duration; it never
     * counts for less than the CPU time it needed (within its duration).
     */
    static long serialMillis(long duration, long cpu, long wait) {
        return Math.max(duration - wait, Math.min(duration, cpu));
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
