package io.paralleljob.aggregate;

import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.ShardCounts;
import io.paralleljob.api.ShardStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which shards status lists. A job may have 10 000 shards (parallelism), and one entry per shard
 * made a status of 1.45 MB with no result in it, over what the API server stores. Status lists
 * at most {@link #MAX_LISTED}: unfinished shards first (failed, running, pending: what a person
 * looks for), then finished ones, in shard order; shardCounts counts every shard by phase and
 * shardsOmitted says how many are not listed.
 */
final class ShardSelection {
    static final int MAX_LISTED = 50;

    private ShardSelection() {
    }

    static void apply(ParallelJobStatus st, List<ShardStatus> all) {
        if (all == null) {
            st.setShards(null);
            return;
        }
        int pending = 0;
        int running = 0;
        int succeeded = 0;
        int failed = 0;
        for (ShardStatus s : all) {
            switch (String.valueOf(s.getPhase())) {
                case "Running" -> running++;
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> pending++;
            }
        }
        st.setShardCounts(new ShardCounts(all.size(), pending, running, succeeded, failed));
        if (all.size() <= MAX_LISTED) {
            st.setShards(all);
            st.setShardsOmitted(null);
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> "Succeeded".equals(all.get(i).getPhase())));
        List<Integer> kept = new ArrayList<>(order.subList(0, MAX_LISTED));
        kept.sort(Comparator.naturalOrder());
        st.setShards(kept.stream().map(all::get).toList());
        st.setShardsOmitted(all.size() - MAX_LISTED);
    }
}
