package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The one rule for shards: how many, how many threads each, and which items each owns. */
class ShardPlanTest {

    static JobPlan plan(int parallelism, int items) {
        return new JobPlan("j", Workload.Auto, parallelism, WorkItems.range(0, items), List.of("true"), List.of(),
                null, 0, 3, null, null);
    }

    @Test
    void threadsIsOneShardRunningParallelismThreads() {
        ShardPlan p = ShardPlan.of(plan(8, 100), Strategy.Threads, List.of());
        assertThat(p.shards()).isEqualTo(1);
        assertThat(p.threads()).isEqualTo(8);
        assertThat(p.indexes(0)).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void podsAreUpToParallelismShardsOfOneThreadButNeverMoreThanItemsLeft() {
        assertThat(ShardPlan.of(plan(3, 100), Strategy.Pods, List.of())).extracting(ShardPlan::shards,
                ShardPlan::threads).containsExactly(3, 1);
        assertThat(ShardPlan.of(plan(10, 2), Strategy.Pods, List.of()).shards()).isEqualTo(2);
        // Auto ran 4 of 6 items as its sample: two are left, so two shards
        assertThat(ShardPlan.of(plan(10, 6), Strategy.Pods, List.of(0, 1, 3, 4)).shards()).isEqualTo(2);
        // nothing left after the sample: still a plan, with one empty shard
        ShardPlan none = ShardPlan.of(plan(10, 3), Strategy.Pods, List.of(0, 1, 2));
        assertThat(none.shards()).isEqualTo(1);
        assertThat(none.indexes(0)).isEmpty();
    }

    @Test
    void itemsAreStridedOverShards() {
        ShardPlan p = ShardPlan.of(plan(3, 7), Strategy.Pods, List.of());
        assertThat(p.all()).containsExactly(List.of(0, 3, 6), List.of(1, 4), List.of(2, 5));
    }

    @Test
    void everyItemButTheSampleIsInExactlyOneShard() {
        List<Integer> sample = List.of(0, 25, 50, 75);
        ShardPlan p = ShardPlan.of(plan(7, 100), Strategy.Pods, sample);
        List<Integer> union = new ArrayList<>();
        p.all().forEach(union::addAll);
        List<Integer> expected = new ArrayList<>(IntStream.range(0, 100).boxed().toList());
        expected.removeAll(sample);
        assertThat(union).hasSize(96).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(p.indexes(0)).startsWith(1, 8, 15);
    }

    @Test
    void allShardsAtOnceMatchEachShardAlone() {
        ShardPlan p = ShardPlan.of(plan(7, 100), Strategy.Pods, List.of(0, 25, 50, 75));
        for (int s = 0; s < p.shards(); s++) {
            assertThat(p.all().get(s)).isEqualTo(p.indexes(s));
        }
    }
}
