package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.reports.PodReports;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.ShardPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job as its pods show it: every finished pod's report merged into one result per item, the
 * shards with their pods, and the pod failures that spend backoffLimit. Derived afresh on every
 * reconciliation from the informer cache and the reports already read ({@link ReadPodReports}):
 * a pure function of its inputs, no API call.
 *
 * <p>workload Auto starts as Threads: one pod ({@link Labels#AUTO_SHARD}) with every item. While
 * undecided, and once decided I/O-bound, that pod is the job. Decided CPU-bound, it is stopped
 * ({@link #draining}); once it has ended and its report is read, what it finished stays and the
 * rest is shared out over Pods shards, whose assignment is then fixed by that report.
 */
final class JobObservation {
    final Map<Integer, ItemRun> runs;
    final List<ShardView> shards = new ArrayList<>();
    final List<Pod> failedPods = new ArrayList<>();
    /** Ended pods whose log could not be read this time, as "pod: why". */
    final List<String> unreadable = new ArrayList<>();
    /** Shards with such a pod: no new pod for them until its report is read. */
    final java.util.Set<String> waitingShards = new java.util.HashSet<>();
    /** Auto's Threads pod still running after the switch to Pods: to be stopped. */
    final List<Pod> draining = new ArrayList<>();
    final int disruptedPods;
    /** The strategy: declared, or Auto's once decided; null while Auto measures. */
    final Strategy strategy;
    final AutoDecision decision;
    /** The layout the shards follow (for Auto undecided: Threads); null while Auto hands over to Pods. */
    final ShardPlan shardPlan;

    /**
     * @param reports    reports of ended pods by pod UID
     * @param recorded   results in the job's ledger, whose pods may be gone
     * @param unreadable ended pods whose log could not be read this time, by UID, with why
     * @param decision   Auto's decision so far (from status, or taken in this reconciliation), or null
     */
    JobObservation(JobPlan plan, Collection<Pod> pods, Map<String, PodReports.PodReport> reports,
            Map<Integer, ItemRun> recorded, Map<String, String> unreadable, AutoDecision decision) {
        Strategy decided = plan.workload() == Workload.Auto
                ? (decision == null ? null : Strategy.valueOf(decision.getStrategy()))
                : plan.workload().strategy();
        boolean switchedToPods = plan.workload() == Workload.Auto && decided == Strategy.Pods;
        Map<String, List<Pod>> byShard = new HashMap<>();
        List<java.util.Collection<ItemRun>> reported = new ArrayList<>();
        reported.add(recorded.values());
        java.util.Set<Integer> doneAsThreads = new java.util.TreeSet<>();
        int disrupted = 0;
        for (Pod pod : pods) {
            String shard = pod.getMetadata().getLabels().get(Labels.SHARD);
            byShard.computeIfAbsent(shard, k -> new ArrayList<>()).add(pod);
            PodState state = PodState.of(pod);
            if (state == PodState.ACTIVE) {
                if (switchedToPods && Labels.AUTO_SHARD.equals(shard)) {
                    draining.add(pod);
                }
                continue;
            }
            PodReports.PodReport report = reports.get(pod.getMetadata().getUid());
            if (report == null) {
                // Not failed, not done: its shard waits (no replacement that would redo its items).
                this.unreadable.add(unreadable.getOrDefault(pod.getMetadata().getUid(),
                        pod.getMetadata().getName() + ": its log was not read"));
                waitingShards.add(shard);
                continue;
            }
            reported.add(report.runs());
            if (Labels.AUTO_SHARD.equals(shard)) {
                report.runs().forEach(r -> doneAsThreads.add(r.index()));
            }
            if (switchedToPods && Labels.AUTO_SHARD.equals(shard)) {
                continue; // stopped by us to hand its items over: neither failed nor disrupted
            }
            if (io.paralleljob.operator.pods.SuspendedPods.stoppedBySuspension(pod)) {
                continue; // stopped by us for a suspension: what it finished counts, the rest runs on resume
            }
            if (state == PodState.DISRUPTED) {
                disrupted++;
            } else if (state == PodState.FAILED || report.done() == null) {
                // A runner that exited 0 without its closing line lost its log: as good as failed.
                failedPods.add(pod);
            }
        }
        this.disruptedPods = disrupted;
        this.runs = ResultMerge.merge(reported);
        this.decision = decision;
        this.strategy = decided;

        List<Pod> autoPods = byShard.getOrDefault(Labels.AUTO_SHARD, List.of());
        if (!switchedToPods) {
            // Declared, or Auto running as Threads (measuring, or decided I/O-bound): one layout for all items.
            this.shardPlan = ShardPlan.of(plan, decided == null ? Strategy.Threads : decided, List.of());
            addShards(plan.workload() == Workload.Auto ? Labels.AUTO_SHARD : null, byShard);
        } else if (!draining.isEmpty() || waitingShards.contains(Labels.AUTO_SHARD)) {
            // Handing over: the Pods shards depend on what the Threads pod finishes, known once it has ended.
            this.shardPlan = null;
            shards.add(new ShardView(Labels.AUTO_SHARD, List.copyOf(doneAsThreads), autoPods, runs.keySet()));
        } else {
            List<Integer> handedOver = List.copyOf(doneAsThreads);
            if (!autoPods.isEmpty()) {
                shards.add(new ShardView(Labels.AUTO_SHARD, handedOver, autoPods, runs.keySet()));
            }
            this.shardPlan = ShardPlan.of(plan, Strategy.Pods, handedOver);
            addShards(null, byShard);
        }
    }

    /** The plan's shards, keyed by their number (or, for Auto's one Threads shard, by {@code key}). */
    private void addShards(String key, Map<String, List<Pod>> byShard) {
        List<List<Integer>> assignments = shardPlan.all();
        for (int s = 0; s < shardPlan.shards(); s++) {
            List<Integer> assigned = assignments.get(s);
            if (!assigned.isEmpty()) {
                String k = key != null ? key : Integer.toString(s);
                shards.add(new ShardView(k, assigned, byShard.getOrDefault(k, List.of()), runs.keySet()));
            }
        }
    }

    /** Every item has a result: nothing more will run. */
    boolean allDone() {
        return shardPlan != null && shards.stream().allMatch(ShardView::complete);
    }

    /** The job's running pods, the draining one included (they are what a failed job stops). */
    List<Pod> activePods() {
        List<Pod> active = new ArrayList<>(draining);
        shards.stream().map(ShardView::active).filter(p -> p != null && !draining.contains(p)).forEach(active::add);
        return active;
    }
}
