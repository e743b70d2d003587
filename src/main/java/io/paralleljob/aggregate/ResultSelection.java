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
 * in resultsOmitted.
 */
public final class ResultSelection {
    public static final int MAX_RESULTS = 1000;
    public static final int MAX_BYTES = 256 * 1024;
    private static final int PER_ENTRY_OVERHEAD = 140;

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
            long size = PER_ENTRY_OVERHEAD + len(r.item()) + len(r.output()) + len(r.stderrTail()) + len(r.error());
            if (kept.size() >= MAX_RESULTS || bytes + size > MAX_BYTES) {
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

    /** Bytes as stored (UTF-8): CJK text is three bytes a character, and the limit is in bytes. */
    private static int len(String s) {
        return s == null ? 0 : s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
