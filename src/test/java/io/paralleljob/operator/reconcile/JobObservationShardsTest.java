package io.paralleljob.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.reports.PodReports;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.plan.ShardPlan;
import io.paralleljob.plan.WorkItems;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator's shards are the shard plan's, the plan local mode runs too (ShardPlan.of from the
 * same JobPlan, strategy and what Auto's Threads phase finished), and a runner started with a
 * shard's arguments computes the very items the operator expects of it.
 */
class JobObservationShardsTest {

    private static JobPlan plan(Workload workload, int parallelism, int total) {
        return new JobPlan("j", workload, parallelism, WorkItems.range(0, total), List.of("true"), List.of(), null, 0,
                3, null, null);
    }

    private static List<List<Integer>> operatorShards(JobObservation seen) {
        return seen.shards.stream().filter(s -> !s.key().equals(Labels.AUTO_SHARD)).map(ShardView::assigned).toList();
    }

    /** An ended pod of Auto's Threads layout whose report holds these items. */
    private static Pod endedAutoPod(String uid, Map<String, PodReports.PodReport> reports, int... done) {
        Pod pod = new PodBuilder().withNewMetadata().withName("j-auto-0").withUid(uid)
                .addToLabels(Labels.SHARD, Labels.AUTO_SHARD).addToLabels(Labels.ATTEMPT, "0").endMetadata()
                .withNewStatus().withPhase("Failed").endStatus().build();
        List<ItemRun> runs = java.util.Arrays.stream(done).mapToObj(i -> new ItemRun(i, Integer.toString(i), 0, "",
                null, null, 0L, 1L, 1L, 1, 0)).toList();
        reports.put(uid, new PodReports.PodReport(runs, null));
        return pod;
    }

    @Test
    void autoSwitchedToPodsSharesOutWhatTheThreadsPodLeft() {
        JobPlan plan = plan(Workload.Auto, 4, 50);
        AutoDecision pods = new AutoDecision();
        pods.setStrategy(Strategy.Pods.name());
        Map<String, PodReports.PodReport> reports = new HashMap<>();
        Pod threads = endedAutoPod("u1", reports, 0, 1, 2, 3, 4, 5, 7);
        JobObservation seen = new JobObservation(plan, List.of(threads), reports, Map.of(), Map.of(), pods);

        ShardPlan local = ShardPlan.of(plan, Strategy.Pods, List.of(0, 1, 2, 3, 4, 5, 7));
        assertThat(seen.shardPlan).isEqualTo(local);
        assertThat(operatorShards(seen)).isEqualTo(local.all()).hasSize(4);
        assertThat(seen.failedPods).as("the stopped Threads pod is no failure").isEmpty();
        for (int s = 0; s < local.shards(); s++) {
            List<String> args = RunnerArgs.shard(seen.shardPlan, s);
            assertThat(args).containsSubsequence("--threads", "1").containsSubsequence("--exclude", "0-5,7");
            assertThat(RunnerArgs.parse(prefixed(args)).indexes(50)).as("shard " + s)
                    .isEqualTo(operatorShards(seen).get(s));
        }
    }

    @Test
    void noPodsShardsWhileTheThreadsPodStillRuns() {
        AutoDecision pods = new AutoDecision();
        pods.setStrategy(Strategy.Pods.name());
        Pod running = new PodBuilder().withNewMetadata().withName("j-auto-0").withUid("u2")
                .addToLabels(Labels.SHARD, Labels.AUTO_SHARD).endMetadata()
                .withNewStatus().withPhase("Running").endStatus().build();
        JobObservation seen = new JobObservation(plan(Workload.Auto, 4, 50), List.of(running), Map.of(), Map.of(), Map.of(), pods);

        assertThat(seen.shardPlan).as("what goes to Pods is known once the Threads pod has ended").isNull();
        assertThat(seen.draining).containsExactly(running);
        assertThat(operatorShards(seen)).isEmpty();
        assertThat(seen.allDone()).isFalse();
    }

    @Test
    void threadsIsOnePodWithParallelismThreads() {
        JobPlan plan = plan(Workload.IOBound, 6, 10);
        JobObservation seen = new JobObservation(plan, List.of(), Map.of(), Map.of(), Map.of(), null);

        assertThat(seen.shardPlan).isEqualTo(ShardPlan.of(plan, Strategy.Threads, List.of()));
        assertThat(operatorShards(seen)).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(RunnerArgs.shard(seen.shardPlan, 0)).containsExactly("--shard", "0", "--shards", "1", "--threads", "6");
    }

    @Test
    void autoMeasuresWhileRunningEveryItemAsThreads() {
        JobObservation seen = new JobObservation(plan(Workload.Auto, 4, 50), List.of(), Map.of(), Map.of(), Map.of(), null);
        assertThat(seen.strategy).as("not decided yet").isNull();
        assertThat(seen.shards).extracting(ShardView::key).containsExactly(Labels.AUTO_SHARD);
        assertThat(seen.shards.get(0).assigned()).hasSize(50);
        assertThat(RunnerArgs.shard(seen.shardPlan, 0)).containsExactly("--shard", "0", "--shards", "1", "--threads", "4");
    }

    private static List<String> prefixed(List<String> args) {
        List<String> all = new java.util.ArrayList<>(List.of("--task", "task.json"));
        all.addAll(args);
        return all;
    }
}
