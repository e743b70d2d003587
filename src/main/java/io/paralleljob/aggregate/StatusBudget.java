package io.paralleljob.aggregate;

import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Fits a status into the bytes its object has left. The API server's store (etcd) refuses a
 * request over 1.5 MiB, and a status is written with the whole object: metadata and spec (up to
 * a megabyte of items) count too. The operator keeps the whole object under
 * {@link #OBJECT_BUDGET}, a quarter MiB below the limit for what the API server adds
 * (managedFields) and what JSON sizes cannot foresee. Results go first (succeeded ones before
 * failed ones, the highest indexes first, as {@link ResultSelection} ranks them), then the shard
 * list (shardCounts stays), then the tail of completedIndexes and last of failedIndexes: counts,
 * phase and conditions always stay.
 */
public final class StatusBudget {
    /** etcd's default request limit (--max-request-bytes). */
    public static final long STORE_LIMIT = 1536 * 1024;
    /** What the operator lets a whole ParallelJob take: the store's limit less a quarter MiB. */
    public static final long OBJECT_BUDGET = STORE_LIMIT - 256 * 1024;
    /** What a status without results or shards takes at most (phase, counts, timing, decision, conditions). */
    public static final long MIN_STATUS = 16 * 1024;

    private StatusBudget() {
    }

    /**
     * @param maxBytes what the status may take as stored JSON
     * @return {@code st} itself when it fits, else a copy with results (then shards) left out
     */
    public static ParallelJobStatus fit(ParallelJobStatus st, long maxBytes, Instant now) {
        return fit(st, maxBytes, now, null);
    }

    /**
     * @param stored the conditions of the status stored now, so a cut made again on every write
     *               keeps its condition's lastTransitionTime (the aggregator, which fits nothing,
     *               does not carry those conditions over)
     */
    public static ParallelJobStatus fit(ParallelJobStatus st, long maxBytes, Instant now,
            List<io.fabric8.kubernetes.api.model.Condition> stored) {
        long size = JsonSize.of(st);
        if (size <= maxBytes) {
            return st;
        }
        ParallelJobStatus out = io.paralleljob.model.ReportLine.JSON.convertValue(st, ParallelJobStatus.class);
        List<ItemResult> results = new ArrayList<>(out.getResults() == null ? List.of() : out.getResults());
        // Least important last: failed before succeeded, then by index.
        results.sort(Comparator.comparing((ItemResult r) -> r.getExitCode() == null || r.getExitCode() != 0 ? 0 : 1)
                .thenComparingLong(ItemResult::getIndex));
        int dropped = 0;
        while (!results.isEmpty() && size > maxBytes) {
            ItemResult last = results.remove(results.size() - 1);
            size -= JsonSize.of(last) + 1;
            dropped++;
        }
        if (dropped > 0) {
            results.sort(Comparator.comparingLong(ItemResult::getIndex));
            out.setResults(results);
            int omitted = (out.getResultsOmitted() == null ? 0 : out.getResultsOmitted()) + dropped;
            out.setResultsOmitted(omitted);
            out.setConditions(new Conditions(carried(out, stored), now).set(Conditions.RESULTS_TRUNCATED, true,
                    "StatusSizeLimit", omitted + " results left out of status to stay within Kubernetes' object size "
                            + "(the job's spec takes part of it); failed items were kept first").toList());
        }
        if (JsonSize.of(out) > maxBytes && out.getShards() != null) {
            int listed = out.getShards().size();
            out.setShards(null);
            out.setShardsOmitted((out.getShardsOmitted() == null ? 0 : out.getShardsOmitted()) + listed);
        }
        if (JsonSize.of(out) > maxBytes) {
            IndexesCut.fit(out, maxBytes);
            out.setConditions(IndexesCut.mark(new Conditions(carried(out, stored), now), out).toList());
        }
        return out;
    }

    /** {@code out}'s conditions, with the stored truncation conditions it lacks added back. */
    private static List<io.fabric8.kubernetes.api.model.Condition> carried(ParallelJobStatus out,
            List<io.fabric8.kubernetes.api.model.Condition> stored) {
        List<io.fabric8.kubernetes.api.model.Condition> list = new ArrayList<>(
                out.getConditions() == null ? List.of() : out.getConditions());
        if (stored != null) {
            for (var c : stored) {
                boolean truncation = Conditions.RESULTS_TRUNCATED.equals(c.getType())
                        || Conditions.INDEXES_TRUNCATED.equals(c.getType());
                if (truncation && list.stream().noneMatch(o -> o.getType().equals(c.getType()))) {
                    list.add(c);
                }
            }
        }
        return list;
    }
}
