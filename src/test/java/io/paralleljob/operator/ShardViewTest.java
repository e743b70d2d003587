package io.paralleljob.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.Strategy;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.operator.reconcile.ShardView;
import io.paralleljob.plan.ShardPlan;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replacement pod's --done argument stays small however large the shard. */
class ShardViewTest {

    @Test
    void doneItemsOfALargeStridedShardFitInOnePodArgument() {
        List<Integer> assigned = new ShardPlan(Strategy.Pods, 100_000, 4, 1, List.of(0, 25_000, 50_000, 75_000))
                .indexes(0);
        ShardView shard = new ShardView("0", assigned, List.of(),
                new HashSet<>(assigned.subList(0, assigned.size() * 9 / 10)));
        String arg = IndexRanges.format(shard.donePositions());
        assertEquals("0-" + (assigned.size() * 9 / 10 - 1), arg, "a shard run in order is one range of positions");
        assertTrue(arg.length() < 128 * 1024, "Linux refuses a single argument over 128 KiB");
    }
}
