package io.paralleljob.aggregate;

import io.paralleljob.api.Strategy;
import io.paralleljob.api.Timing;
import io.paralleljob.model.CpuAllowance;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code CPUStarved} condition: the items spent a quarter or more of their time runnable but
 * waiting for a CPU. Such a run's concurrency is contention, not speed, and its message says where
 * the CPUs went (a CPU limit, fewer CPUs than items in flight, or other processes) and what helps.
 */
final class CpuStarvation {
    static final double THRESHOLD = 0.25;

    private CpuStarvation() {
    }

    static void apply(Conditions c, boolean hadIt, List<ItemRun> runs, Timing timing, Strategy strategy,
            CpuAllowance where) {
        long waited = 0;
        long took = 0;
        for (ItemRun r : runs) {
            if (r.cpuWaitMillis() != null && !r.commandCannotStart()) { // no process, nothing to starve
                waited += r.cpuWaitMillis();
                took += r.durationMillis();
            }
        }
        if (took == 0) {
            c.remove(Conditions.CPU_STARVED); // nothing measured: no claim either way
            return;
        }
        double share = Math.min(1.0, (double) waited / took);
        String measured = String.format(Locale.ROOT, "items spent %.0f%% of their time waiting for a CPU (%d of %d ms)",
                share * 100, waited, took);
        if (share < THRESHOLD) {
            if (hadIt) {
                c.set(Conditions.CPU_STARVED, false, "EnoughCPU", measured);
            } else {
                c.remove(Conditions.CPU_STARVED);
            }
            return;
        }
        int peak = peakInFlight(runs);
        double got = (double) timing.getCpuMillis() / timing.getWallMillis();
        CpuAllowance w = where == null ? CpuAllowance.UNKNOWN : where;
        String reason;
        String cause;
        if (w.limitCpus() != null && w.limitCpus() < peak) {
            reason = "CPULimit";
            cause = String.format(Locale.ROOT, "up to %d items ran at once under the CPU limit of %s (%s)", peak,
                    cpus(w.limitCpus()), w.limitSource());
        } else if (w.cpus() != null && w.cpus() < peak) {
            reason = "TooFewCPUs";
            cause = String.format(Locale.ROOT, "up to %d items ran at once on %s", peak, cpus(w.cpus()));
        } else if (w.cpus() != null) {
            reason = "CPUContention";
            cause = String.format(Locale.ROOT, "up to %d items ran at once on %s that other processes kept busy",
                    peak, cpus(w.cpus()));
        } else {
            reason = "CPUContention";
            cause = String.format(Locale.ROOT, "up to %d items ran at once", peak);
        }
        c.set(Conditions.CPU_STARVED, true, reason, String.format(Locale.ROOT,
                "%s: %s, and together got %.2f CPU on average. %s", measured, cause, got, advice(strategy)));
    }

    private static String advice(Strategy strategy) {
        return strategy == Strategy.Pods
                ? "To go faster: give each pod more CPU (resources.limits.cpu) or lower parallelism."
                : "More threads in one place do not make CPU-bound items faster: run them as Pods (workload: "
                        + "CPUBound), give the pod more CPU (resources.limits.cpu), or lower parallelism.";
    }

    private static String cpus(double n) {
        String figure = n == Math.rint(n) ? Long.toString((long) n) : String.format(Locale.ROOT, "%.2f", n)
                .replaceFirst("0$", "");
        return figure + (n <= 1 ? " CPU" : " CPUs");
    }

    /** Most items running at the same moment (an item ending as another starts does not overlap it). */
    static int peakInFlight(List<ItemRun> runs) {
        List<long[]> edges = new ArrayList<>(runs.size() * 2);
        for (ItemRun r : runs) {
            edges.add(new long[] {r.startEpochMillis(), 1});
            edges.add(new long[] {r.endEpochMillis(), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int now = 0;
        int peak = 0;
        for (long[] e : edges) {
            now += (int) e[1];
            peak = Math.max(peak, now);
        }
        return peak;
    }
}
