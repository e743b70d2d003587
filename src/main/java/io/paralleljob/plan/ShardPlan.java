package io.paralleljob.plan;

import io.paralleljob.api.Strategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a job's items are spread over shards (worker pods, local runner processes, or the one
 * in-process shard of local Threads) and how many threads each shard runs. The operator, local
 * mode and the runner all derive a shard's items from this one record, so a runner computes the
 * very list the operator expects of it, and a replacement pod owns exactly what its predecessor did.
 *
 * @param strategy what the plan was made for: Threads is one shard of {@code threads} threads,
 *                 Pods is {@code shards} shards of one thread
 * @param total    the job's item count
 * @param shards   how many shards there are (at least one)
 * @param threads  how many items each shard runs at once
 * @param excluded items no shard owns: Auto's sample, which ran before the plan was made
 * @param runOnly  for a rerun, the only items any shard owns (sorted); null for all
 */
public record ShardPlan(Strategy strategy, int total, int shards, int threads, List<Integer> excluded,
        List<Integer> runOnly) {

    public ShardPlan {
        if (shards < 1 || threads < 1 || total < 0) {
            throw new IllegalArgumentException("shard plan of " + shards + " shards, " + threads + " threads, "
                    + total + " items");
        }
        excluded = List.copyOf(excluded);
        runOnly = runOnly == null ? null : List.copyOf(runOnly);
    }

    public ShardPlan(Strategy strategy, int total, int shards, int threads, List<Integer> excluded) {
        this(strategy, total, shards, threads, excluded, null);
    }

    /**
     * The one rule for how many shards a job gets: one for Threads; for Pods as many as
     * parallelism allows, but never more than there are items left to run.
     */
    public static ShardPlan of(JobPlan plan, Strategy strategy, List<Integer> sample) {
        int total = plan.items().size();
        return strategy == Strategy.Threads
                ? new ShardPlan(strategy, total, 1, plan.parallelism(), sample, plan.runOnly())
                : new ShardPlan(strategy, total,
                        Math.max(1, Math.min(plan.parallelism(), plan.runCount() - sample.size())), 1, sample,
                        plan.runOnly());
    }

    /**
     * One shard's item indexes: of the items not excluded, every n-th one starting at the
     * shard's number (striding, so items whose cost grows along the list spread evenly).
     */
    public List<Integer> indexes(int shard) {
        if (shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards);
        }
        List<Integer> out = new ArrayList<>(total / shards + 1);
        stride((index, owner) -> {
            if (owner == shard) {
                out.add(index);
            }
        });
        return out;
    }

    /** Every shard's item indexes, in one pass over the items (not one pass per shard). */
    public List<List<Integer>> all() {
        List<List<Integer>> out = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            out.add(new ArrayList<>(total / shards + 1));
        }
        stride((index, owner) -> out.get(owner).add(index));
        return out;
    }

    private interface Owned {
        void item(int index, int shard);
    }

    /** The striding rule, in one place: the p-th item run and not excluded belongs to shard p mod n. */
    private void stride(Owned owned) {
        Set<Integer> skip = new HashSet<>(excluded);
        int position = 0;
        if (runOnly != null) {
            for (int i : runOnly) {
                if (!skip.contains(i)) {
                    owned.item(i, position++ % shards);
                }
            }
            return;
        }
        for (int i = 0; i < total; i++) {
            if (!skip.contains(i)) {
                owned.item(i, position++ % shards);
            }
        }
    }
}
