package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.model.ItemRun;
import io.paralleljob.plan.AutoProbe;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.ShardPlan;
import io.paralleljob.plan.WorkItems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Local Pods starts its runners exactly as the operator starts worker pods: one task file, a shard each. */
class ProcessPodsBackendTest {
    /** Each item prints MODE, then its runner's main class and arguments (the runner is the item's parent). */
    private static final String PRINT_RUNNER = "echo \"$MODE $(tr '\\0' '\\n' < /proc/$PPID/cmdline"
            + " | sed -n '/^io[.]paralleljob[.]/,$p' | tr '\\n' ' ')\"";

    @Test
    void eachRunnerGetsItsShardOfTheOneTaskFileAndTogetherTheyRunEveryItemButTheSampleOnce() {
        int total = 23;
        JobPlan plan = new JobPlan("j", Workload.Auto, 3, WorkItems.range(0, total), List.of("sh", "-c", PRINT_RUNNER),
                List.of(new EnvVar("MODE", "fast", null)), null, 0, 3, null, null);
        List<Integer> sample = AutoProbe.sampleIndexes(total);
        ShardPlan shards = ShardPlan.of(plan, Strategy.Pods, sample);
        List<ItemRun> runs = Collections.synchronizedList(new ArrayList<>());

        int returned = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                new ProcessPodsBackend(plan.task(LocalCommand.of(plan).env()), shards).run(runs::add));

        assertThat(returned).isEqualTo(runs.size());
        List<Integer> expected = new ArrayList<>(IntStream.range(0, total).boxed().toList());
        expected.removeAll(sample);
        assertThat(runs).extracting(ItemRun::index).as("every item but the sample, each exactly once")
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(runs).allSatisfy(r -> assertThat(r.succeeded()).as(r.toString()).isTrue());
        Map<Integer, List<Integer>> byShard = runs.stream().collect(Collectors.groupingBy(ItemRun::shard,
                Collectors.mapping(ItemRun::index, Collectors.toList())));
        assertThat(byShard).hasSize(3);
        for (ItemRun r : runs) {
            assertThat(r.output()).as("env from the task file, runner's own main class and a worker pod's arguments")
                    .matches("fast io\\.paralleljob\\.runner\\.RunnerMain --task \\S+/task\\.json --shard " + r.shard()
                            + " --shards 3 --threads 1 --exclude " + IndexRanges.format(sample));
            assertThat(shards.indexes(r.shard())).contains(r.index());
        }
        byShard.forEach((s, indexes) -> assertThat(indexes).containsExactlyInAnyOrderElementsOf(shards.indexes(s)));
        assertThat(runs.stream().map(r -> r.output().split(" ")[3]).distinct()).as("one task file for all runners")
                .hasSize(1);
    }

    /** Parallelism may be 10 000; this machine gets at most maxRunners runner JVMs at once, the rest wait their turn. */
    @Test
    void atMostMaxRunnersRunAtOnceAndEveryShardStillRuns() {
        int shardsCount = 6;
        // Each item prints when it started and ended (ms): with two runners, no three overlap.
        JobPlan plan = new JobPlan("j", Workload.CPUBound, shardsCount, WorkItems.range(0, shardsCount),
                List.of("sh", "-c", "echo $(date +%s%3N) $(sleep 0.4; date +%s%3N)"), List.of(), null, 0, 3, null, null);
        ShardPlan shards = ShardPlan.of(plan, Strategy.Pods, List.of());
        List<ItemRun> runs = Collections.synchronizedList(new ArrayList<>());

        assertTimeoutPreemptively(Duration.ofSeconds(90), () ->
                new ProcessPodsBackend(plan.task(LocalCommand.of(plan).env()), shards, 2).run(runs::add));

        assertThat(runs).extracting(ItemRun::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
        List<long[]> spans = runs.stream().map(r -> r.output().split(" "))
                .map(p -> new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])}).toList();
        int most = 0;
        for (long[] a : spans) {
            int overlapping = (int) spans.stream().filter(b -> b[0] <= a[0] && a[0] < b[1]).count();
            most = Math.max(most, overlapping);
        }
        assertThat(most).as("items running at once, one per runner").isLessThanOrEqualTo(2);
        assertThat(ProcessPodsBackend.maxRunners()).isBetween(1, 2 * Runtime.getRuntime().availableProcessors());
    }
}
