package io.paralleljob.local;

import io.paralleljob.model.ItemRun;
import io.paralleljob.plan.WorkItems;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Items a shard never reported: recorded as failed with the reason, so no item silently disappears. */
final class ShardLoss {
    private ShardLoss() {
    }

    /**
     * @param items    the job's items, as the task file holds them
     * @param assigned the shard's item indexes, from the shard plan its runner was started with
     */
    static List<ItemRun> unreported(WorkItems items, int shard, List<Integer> assigned, List<ItemRun> reported,
            String reason) {
        Set<Integer> seen = reported.stream().map(ItemRun::index).collect(Collectors.toSet());
        long now = System.currentTimeMillis();
        return assigned.stream().filter(i -> !seen.contains(i))
                .map(i -> new ItemRun(i, items.get(i), null, null, null, reason, now, 0, null, 0, shard))
                .toList();
    }
}
