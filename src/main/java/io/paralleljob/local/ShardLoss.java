package io.paralleljob.local;

import io.paralleljob.model.ItemRun;
import io.paralleljob.plan.WorkItems;
import java.util.List;
import java.util.function.IntPredicate;

/** Items a shard never reported: recorded as failed with the reason, so no item silently disappears. */
final class ShardLoss {
    private ShardLoss() {
    }

    /**
     * @param items    the job's items, as the task file holds them
     * @param assigned the shard's item indexes, from the shard plan its runner was started with
     * @param reported whether the runner reported an item (by index)
     */
    static List<ItemRun> unreported(WorkItems items, int shard, List<Integer> assigned, IntPredicate reported,
            String reason) {
        long now = System.currentTimeMillis();
        return assigned.stream().filter(i -> !reported.test(i))
                .map(i -> new ItemRun(i, items.get(i), null, null, null, reason, now, 0, null, 0, shard))
                .toList();
    }
}
