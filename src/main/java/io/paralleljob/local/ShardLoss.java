package io.paralleljob.local;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ShardTask;
import io.paralleljob.model.WorkItem;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Items a shard never reported: recorded as failed with the reason, so no item silently disappears. */
final class ShardLoss {
    private ShardLoss() {
    }

    static List<ItemRun> unreported(ShardTask task, List<ItemRun> reported, String reason) {
        Set<Integer> seen = reported.stream().map(ItemRun::index).collect(Collectors.toSet());
        long now = System.currentTimeMillis();
        return task.items().stream().filter(i -> !seen.contains(i.index()))
                .map((WorkItem i) -> new ItemRun(i.index(), i.value(), null, null, null, reason, now, 0, null, 0,
                        task.shard()))
                .toList();
    }
}
