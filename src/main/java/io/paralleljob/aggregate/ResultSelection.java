package io.paralleljob.aggregate;

import io.paralleljob.api.ItemResult;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which item results go into status. Kubernetes caps a whole object near 1 MiB, so a
 * 100 000-item job cannot list every result: failed items go in first (they are what a user
 * must see), then the rest by index, until a count or a size budget runs out; the rest is counted
 * in resultsOmitted. Sizes are the entries' JSON as the API server stores it ({@link JsonSize}:
 * UTF-8, escapes included). In a cluster the whole status is fitted again into what the job's spec
 * leaves of the object ({@link StatusBudget}).
 */
public final class ResultSelection {
    public static final int MAX_RESULTS = 1000;
    public static final int MAX_BYTES = 256 * 1024;

    private ResultSelection() {
    }

    public record Selected(List<ItemResult> results, int omitted) {
    }

    public static Selected select(List<ItemRun> runs) {
        List<ItemRun> byPriority = new ArrayList<>(runs);
        byPriority.sort(Comparator.comparing((ItemRun r) -> r.succeeded()).thenComparingInt(ItemRun::index));
        List<ItemRun> kept = new ArrayList<>();
        long bytes = 0;
        for (ItemRun r : byPriority) {
            if (kept.size() >= MAX_RESULTS) {
                break;
            }
            if (r.detailDropped()) {
                continue; // its output is only in the ledger: counted as omitted, never shown empty
            }
            // As stored: the entry's JSON with the API server's escaping, and the comma between entries.
            long size = JsonSize.of(toResult(r)) + 1;
            if (bytes + size > MAX_BYTES) {
                break;
            }
            kept.add(r);
            bytes += size;
        }
        kept.sort(Comparator.comparingInt(ItemRun::index));
        return new Selected(kept.stream().map(ResultSelection::toResult).toList(), runs.size() - kept.size());
    }

    static ItemResult toResult(ItemRun r) {
        ItemResult out = new ItemResult();
        out.setIndex(r.index());
        out.setItem(r.item());
        out.setExitCode(r.exitCode());
        out.setOutput(r.output());
        out.setDurationMillis(r.durationMillis());
        out.setCpuMillis(r.cpuMillis());
        out.setCpuWaitMillis(r.cpuWaitMillis());
        out.setAttempts(r.attempts());
        out.setStderr(r.stderrTail());
        out.setError(r.error());
        out.setShard(r.shard());
        return out;
    }
}
