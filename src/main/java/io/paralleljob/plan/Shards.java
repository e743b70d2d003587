package io.paralleljob.plan;

import io.paralleljob.model.WorkItem;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a list of items into shards for local runner processes, by the same rule worker pods
 * use ({@link ShardPlan}): position p goes to shard p mod n.
 */
public final class Shards {
    private Shards() {
    }

    public static List<List<WorkItem>> split(List<WorkItem> items, int maxShards) {
        int n = Math.max(1, Math.min(maxShards, items.size()));
        List<List<WorkItem>> shards = new ArrayList<>(n);
        for (List<Integer> positions : new ShardPlan(io.paralleljob.api.Strategy.Pods, items.size(), n, 1, List.of()).all()) {
            List<WorkItem> shard = new ArrayList<>(positions.size());
            positions.forEach(p -> shard.add(items.get(p)));
            shards.add(shard);
        }
        return shards;
    }
}
