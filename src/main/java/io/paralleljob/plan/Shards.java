package io.paralleljob.plan;

import io.paralleljob.runner.WorkItem;

import java.util.ArrayList;
import java.util.List;

/** Splits items into shards, strided (item i goes to shard i mod n) so cost that grows along the list spreads evenly. */
public final class Shards {
    private Shards() {
    }

    public static List<List<WorkItem>> split(List<WorkItem> items, int maxShards) {
        int n = Math.max(1, Math.min(maxShards, items.size()));
        List<List<WorkItem>> shards = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            shards.add(new ArrayList<>(items.size() / n + 1));
        }
        for (int i = 0; i < items.size(); i++) {
            shards.get(i % n).add(items.get(i));
        }
        return shards;
    }
}
