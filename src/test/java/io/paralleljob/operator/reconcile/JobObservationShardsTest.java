package io.paralleljob.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import io.paralleljob.operator.Labels;
import io.paralleljob.plan.AutoProbe;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.plan.ShardPlan;
import io.paralleljob.plan.WorkItems;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's shards are the shard plan's, the plan local mode runs too (ShardPlan.of from the
 * same JobPlan, strategy and sample), and a runner started with a shard's arguments computes the
 * very items the operator expects of it.
 */
class JobObservationShardsTest {

    private static JobPlan plan(Workload workload, int parallelism, int total) {
        return new JobPlan("j", workload, parallelism, WorkItems.range(0, total), List.of("true"), List.of(), null, 0,
                3, null, null);
    }

    private static List<List<Integer>> operatorShards(JobObservation seen) {
        return seen.shards.stream().filter(s -> !s.key().equals(Labels.PROBE_SHARD)).map(ShardView::assigned).toList();
    }

    @Test
    void autoChoosingPodsShardsWhatTheSampleLeft() {
        JobPlan plan = plan(Workload.Auto, 4, 50);
        AutoDecision pods = new AutoDecision();
        pods.setStrategy(Strategy.Pods.name());
        JobObservation seen = new JobObservation(plan, List.of(), java.util.Map.of(), java.util.Map.of(), pods);

        List<Integer> sample = AutoProbe.sampleIndexes(50);
        ShardPlan local = ShardPlan.of(plan, Strategy.Pods, sample);
        assertThat(seen.shardPlan).isEqualTo(local);
        assertThat(operatorShards(seen)).isEqualTo(local.all()).hasSize(4);
        for (int s = 0; s < local.shards(); s++) {
            List<String> args = RunnerArgs.shard(seen.shardPlan, s);
            assertThat(args).containsSubsequence("--threads", "1").containsSubsequence("--exclude", "0,12,25,37");
            assertThat(RunnerArgs.parse(prefixed(args)).indexes(50)).as("shard " + s)
                    .isEqualTo(operatorShards(seen).get(s));
        }
    }

    @Test
    void threadsIsOnePodWithParallelismThreads() {
        JobPlan plan = plan(Workload.IOBound, 6, 10);
        JobObservation seen = new JobObservation(plan, List.of(), java.util.Map.of(), java.util.Map.of(), null);

        assertThat(seen.shardPlan).isEqualTo(ShardPlan.of(plan, Strategy.Threads, List.of()));
        assertThat(operatorShards(seen)).containsExactly(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(RunnerArgs.shard(seen.shardPlan, 0)).containsExactly("--shard", "0", "--shards", "1", "--threads", "6");
    }

    @Test
    void noShardsBeforeAutoHasChosen() {
        JobObservation seen = new JobObservation(plan(Workload.Auto, 4, 50), List.of(), java.util.Map.of(), java.util.Map.of(), null);
        assertThat(seen.shardPlan).isNull();
        assertThat(seen.shards).extracting(ShardView::key).containsExactly(Labels.PROBE_SHARD);
    }

    private static List<String> prefixed(List<String> args) {
        List<String> all = new java.util.ArrayList<>(List.of("--task", "task.json"));
        all.addAll(args);
        return all;
    }
}
