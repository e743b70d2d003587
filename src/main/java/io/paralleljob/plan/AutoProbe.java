package io.paralleljob.plan;

import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.Words;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * workload: Auto. A few items, spread over the list, run first; their CPU time against their
 * wall time says whether the work computes (CPU-bound: threads in one pod would share one CPU
 * limit, so use Pods) or waits (I/O-bound: one pod's threads overlap the waits, so use Threads).
 * The sample's results are kept: measuring costs no extra work.
 */
public final class AutoProbe {
    public static final int SAMPLE_SIZE = 4;
    /** Items using at least half a CPU while they run are treated as computing. */
    public static final double CPU_BOUND_THRESHOLD = 0.5;

    private AutoProbe() {
    }

    /** Indexes of the sample, evenly spread so items whose cost grows along the list are represented. */
    public static List<Integer> sampleIndexes(int total) {
        int n = Math.min(total, SAMPLE_SIZE);
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((int) ((long) i * total / n));
        }
        return out;
    }

    /**
     * How many sample items run at once: no more than the CPUs available, or CPU-bound items
     * would queue for a core and look half idle.
     */
    public static int sampleConcurrency(int sampleSize, int cpus) {
        return Math.max(1, Math.min(sampleSize, cpus));
    }

    /**
     * @param cpuCapacity the CPU share one busy thread got where the sample ran, with as many threads
     *                    busy as the sample used (io.paralleljob.runner.CpuCapacity)
     */
    public static AutoDecision decide(List<ItemRun> sample, double cpuCapacity) {
        long cpu = 0;
        long wall = 0;
        boolean measured = false;
        for (ItemRun r : sample) {
            // An item whose command could not start has no CPU figure: it tells nothing either way.
            if (r.cpuMillis() != null) {
                measured = true;
                cpu += r.cpuMillis();
                wall += r.durationMillis();
            }
        }
        double utilization = wall == 0 ? 0 : (double) cpu / wall;
        double capacity = Math.max(0.05, Math.min(1.0, cpuCapacity));
        // Of the CPU the items could have had, how much did they use?
        double busy = Math.min(1.0, utilization / capacity);
        boolean cpuBound = measured && busy >= CPU_BOUND_THRESHOLD;
        AutoDecision d = new AutoDecision();
        d.setSampleItems(sample.size());
        d.setCpuMillis(cpu);
        d.setItemMillisSum(wall);
        d.setCpuUtilization(Math.round(utilization * 100) / 100.0);
        d.setCpuCapacity(Math.round(capacity * 100) / 100.0);
        d.setBusyFraction(Math.round(busy * 100) / 100.0);
        d.setThreshold(CPU_BOUND_THRESHOLD);
        d.setWorkload(cpuBound ? "CPUBound" : "IOBound");
        d.setStrategy((cpuBound ? Strategy.Pods : Strategy.Threads).name());
        d.setReason(!measured
                ? "CPU time cannot be measured here (no /proc); assuming I/O-bound, running as Threads"
                : String.format(Locale.ROOT,
                        "sample of %s used %d ms CPU in %d ms; with %.2f CPU available per item that is "
                                + "%.0f%% busy (%s %.0f%%): %s, running as %s",
                        Words.count(sample.size(), "item"), cpu, wall, capacity, busy * 100, cpuBound ? ">=" : "<",
                        CPU_BOUND_THRESHOLD * 100, cpuBound ? "CPU-bound" : "I/O-bound", d.getStrategy()));
        return d;
    }
}
