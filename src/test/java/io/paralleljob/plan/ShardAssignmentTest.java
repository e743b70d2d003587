package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator and the worker pods must agree on which items a shard owns. */
class ShardAssignmentTest {

    @Test
    void allShardsAtOnceMatchEachShardAlone() {
        List<Integer> sample = List.of(0, 25, 50, 75);
        List<List<Integer>> all = ShardAssignment.all(100, sample, 7);
        for (int s = 0; s < 7; s++) {
            assertThat(all.get(s)).isEqualTo(ShardAssignment.indexes(100, sample, 7, s));
        }
        assertThat(all.stream().mapToInt(List::size).sum()).isEqualTo(96);
        assertThat(all.get(0)).startsWith(1, 8, 15);
    }
}
