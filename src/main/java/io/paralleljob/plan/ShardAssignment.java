package io.paralleljob.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which items a shard owns: of the items not excluded (Auto's sample ran them already), every
 * n-th one, starting at the shard's number. A pure function of its inputs, so the operator and a
 * worker pod compute the same list, and a replacement pod owns exactly what its predecessor did.
 */
public final class ShardAssignment {
    private ShardAssignment() {
    }

    public static List<Integer> indexes(int total, Collection<Integer> excluded, int shards, int shard) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards);
        }
        Set<Integer> skip = new HashSet<>(excluded);
        List<Integer> out = new ArrayList<>(total / shards + 1);
        int position = 0;
        for (int i = 0; i < total; i++) {
            if (skip.contains(i)) {
                continue;
            }
            if (position++ % shards == shard) {
                out.add(i);
            }
        }
        return out;
    }

    /** Every shard's indexes in one pass over the items (the per-shard form walks all items once per shard). */
    public static List<List<Integer>> all(int total, Collection<Integer> excluded, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("shards " + shards);
        }
        Set<Integer> skip = new HashSet<>(excluded);
        List<List<Integer>> out = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            out.add(new ArrayList<>(total / shards + 1));
        }
        int position = 0;
        for (int i = 0; i < total; i++) {
            if (!skip.contains(i)) {
                out.get(position++ % shards).add(i);
            }
        }
        return out;
    }

    /** How many shards a strategy uses: one pod for Threads, up to parallelism pods for Pods. */
    public static int shardCount(io.paralleljob.api.Strategy strategy, int parallelism, int items) {
        return strategy == io.paralleljob.api.Strategy.Threads ? 1 : Math.max(1, Math.min(parallelism, items));
    }
}
