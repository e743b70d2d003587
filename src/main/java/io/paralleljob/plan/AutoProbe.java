package io.paralleljob.plan;

import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.Words;
import java.util.List;
import java.util.Locale;

/**
 * workload: Auto's judgement. The job starts as Threads; the first {@link #SAMPLE_SIZE} items to
 * finish are the sample, and their CPU time against the time they were blocked says whether the
 * work computes (CPU-bound: threads in one pod would share one CPU limit, so use Pods) or waits
 * (I/O-bound: one pod's threads overlap the waits, so stay Threads). The sample's results are
 * part of the job: measuring costs no extra work.
 */
public final class AutoProbe {
    public static final int SAMPLE_SIZE = 4;
    /** Items computing at least half of the time they do not wait for a CPU are treated as CPU-bound. */
    public static final double CPU_BOUND_THRESHOLD = 0.5;

    private AutoProbe() {
    }

    /**
     * Splits the sample's time three ways (on a CPU, waiting for one, blocked) and judges the work
     * by {@code cpu / (cpu + blocked)}: the share of the time the items did not spend queueing for
     * a CPU that they spent computing. Waiting for a CPU says how busy the node or how tight the
     * CPU limit was, not what the work is, so it is left out; the share comes out the same on an
     * idle node, a busy one and in a throttled pod.
     *
     * <p>Fixed per-item costs count as what they are: python's start-up is about 80 ms of CPU per
     * item, small against an item that then sleeps 0.25 s (computing share about 0.25), but it is
     * most of an item that sleeps 50 ms, and such items do keep a CPU busy most of their time.
     */
    public static AutoDecision decide(List<ItemRun> sample) {
        long cpu = 0;
        long wall = 0;
        long wait = 0;
        long blocked = 0;
        long unseen = 0;
        boolean measured = false;
        boolean waitMeasured = true;
        for (ItemRun r : sample) {
            // An item whose command could not start has no CPU figure: it tells nothing either way.
            if (r.cpuMillis() == null) {
                continue;
            }
            measured = true;
            long itemWait = r.cpuWaitMillis() == null ? 0 : r.cpuWaitMillis();
            waitMeasured &= r.cpuWaitMillis() != null;
            cpu += r.cpuMillis();
            wall += r.durationMillis();
            wait += itemWait;
            // Wait of short-lived processes the sampler never saw is not blocked time either: an estimate.
            long itemUnseen = r.cpuWaitUnseenMillis() == null ? 0 : r.cpuWaitUnseenMillis();
            long itemBlocked = Math.max(0, r.durationMillis() - r.cpuMillis() - itemWait);
            unseen += Math.min(itemUnseen, itemBlocked);
            blocked += itemBlocked - Math.min(itemUnseen, itemBlocked);
        }
        waitMeasured &= measured;
        double share = cpu + blocked == 0 ? 0 : (double) cpu / (cpu + blocked);
        boolean cpuBound = measured && share >= CPU_BOUND_THRESHOLD;
        AutoDecision d = new AutoDecision();
        d.setSampleItems(sample.size());
        d.setCpuMillis(cpu);
        d.setItemMillisSum(wall);
        d.setCpuWaitMillis(waitMeasured ? wait : null);
        d.setUnseenWaitEstimateMillis(unseen > 0 ? unseen : null);
        d.setBlockedMillis(blocked);
        d.setComputingShare(Math.round(share * 100) / 100.0);
        d.setThreshold(CPU_BOUND_THRESHOLD);
        d.setWorkload(cpuBound ? "CPUBound" : "IOBound");
        d.setStrategy((cpuBound ? Strategy.Pods : Strategy.Threads).name());
        d.setReason(!measured
                ? "CPU time cannot be measured here (no /proc); assuming I/O-bound, running as Threads"
                : String.format(Locale.ROOT,
                        "sample of %s: %d ms on a CPU, %s, %d ms blocked (I/O, sleep); computing %.0f%% "
                                + "of the time not spent waiting for a CPU (%s %.0f%%): %s, running as %s",
                        Words.count(sample.size(), "item"), cpu,
                        waitMeasured ? wait + " ms waiting for a CPU" + (unseen > 0 ? " (and about " + unseen
                                + " ms estimated for short-lived processes between samples)" : "")
                                : "CPU wait not measured here (counted as blocked)",
                        blocked, share * 100, cpuBound ? ">=" : "<", CPU_BOUND_THRESHOLD * 100,
                        cpuBound ? "CPU-bound" : "I/O-bound", d.getStrategy()));
        return d;
    }
}
