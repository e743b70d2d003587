package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.reports.PodReports;
import io.paralleljob.plan.AutoProbe;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.ShardPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The job as its pods show it: every finished pod's report merged into one result per item, the
 * shards (Auto's probe first) with their pods, and the pod failures that spend backoffLimit.
 * Derived afresh on every reconciliation from the informer cache and the reports already read
 * ({@link ReadPodReports}): a pure function of its inputs, no API call.
 */
final class JobObservation {
    final Map<Integer, ItemRun> runs;
    final List<ShardView> shards = new ArrayList<>();
    final List<Pod> failedPods = new ArrayList<>();
    /** Ended pods whose log could not be read this time, as "pod: why". */
    final List<String> unreadable = new ArrayList<>();
    /** Shards with such a pod: no new pod for them until its report is read. */
    final java.util.Set<String> waitingShards = new java.util.HashSet<>();
    final int disruptedPods;
    final Strategy strategy;
    final AutoDecision decision;
    /** True when the decision was made in this reconciliation (so it is announced once). */
    final boolean decidedNow;
    final List<Integer> sample;
    /** The shards the chosen strategy runs (Auto's probe is not one of them); null until Auto has chosen. */
    final ShardPlan shardPlan;

    /**
     * @param reports    reports of ended pods by pod UID
     * @param unreadable ended pods whose log could not be read this time, by UID, with why
     */
    JobObservation(JobPlan plan, Collection<Pod> pods, Map<String, PodReports.PodReport> reports,
            Map<String, String> unreadable, AutoDecision previousDecision) {
        Map<String, List<Pod>> byShard = new HashMap<>();
        List<List<ItemRun>> reported = new ArrayList<>();
        int disrupted = 0;
        for (Pod pod : pods) {
            byShard.computeIfAbsent(pod.getMetadata().getLabels().get(Labels.SHARD), k -> new ArrayList<>()).add(pod);
            PodState state = PodState.of(pod);
            if (state == PodState.ACTIVE) {
                continue;
            }
            PodReports.PodReport report = reports.get(pod.getMetadata().getUid());
            if (report == null) {
                // Not failed, not done: its shard waits (no replacement that would redo its items).
                this.unreadable.add(unreadable.getOrDefault(pod.getMetadata().getUid(),
                        pod.getMetadata().getName() + ": its log was not read"));
                waitingShards.add(pod.getMetadata().getLabels().get(Labels.SHARD));
                continue;
            }
            reported.add(report.runs());
            if (state == PodState.DISRUPTED) {
                disrupted++;
            } else if (state == PodState.FAILED || report.done() == null) {
                // A runner that exited 0 without its closing line lost its log: as good as failed.
                failedPods.add(pod);
            }
        }
        this.disruptedPods = disrupted;
        this.runs = ResultMerge.merge(reported);
        int total = plan.items().size();

        Strategy chosen = plan.workload().strategy();
        AutoDecision decision = previousDecision;
        boolean decidedNow = false;
        List<Integer> sample = List.of();
        if (plan.workload() == Workload.Auto) {
            sample = AutoProbe.sampleIndexes(total);
            ShardView probe = new ShardView(Labels.PROBE_SHARD, sample, byShard.getOrDefault(Labels.PROBE_SHARD,
                    List.of()), runs.keySet());
            shards.add(probe);
            if (decision == null && probe.complete()) {
                decision = AutoProbe.decide(sample.stream().map(runs::get).toList());
                decidedNow = true;
            }
            chosen = decision == null ? null : Strategy.valueOf(decision.getStrategy());
        }
        this.sample = sample;
        this.decision = decision;
        this.decidedNow = decidedNow;
        this.strategy = chosen;
        this.shardPlan = chosen == null ? null : ShardPlan.of(plan, chosen, sample);
        if (shardPlan != null) {
            List<List<Integer>> assignments = shardPlan.all();
            for (int s = 0; s < shardPlan.shards(); s++) {
                List<Integer> assigned = assignments.get(s);
                if (!assigned.isEmpty()) {
                    String key = Integer.toString(s);
                    shards.add(new ShardView(key, assigned, byShard.getOrDefault(key, List.of()), runs.keySet()));
                }
            }
        }
    }

    boolean allDone() {
        return strategy != null && shards.stream().allMatch(ShardView::complete);
    }

    List<Pod> activePods() {
        return shards.stream().map(ShardView::active).filter(p -> p != null).toList();
    }
}
