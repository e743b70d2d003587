package io.paralleljob.model;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Each item's latest outcome, from result rows read in any order: a row is kept when its rank is
 * at least that of the row held for its index. Ranks say what "later" means where the rows come
 * from: the line in a results file, (job in a rerun chain, chunk) in a cluster ledger. Holds one
 * row per index, however many rows are read.
 */
public final class LatestResults {
    private record Ranked(ItemRun run, long rank) {
    }

    private final TreeMap<Integer, Ranked> byIndex = new TreeMap<>();
    private long rowsRead;

    public void offer(ItemRun run, long rank) {
        rowsRead++;
        Ranked had = byIndex.get(run.index());
        if (had == null || rank >= had.rank()) {
            byIndex.put(run.index(), new Ranked(run, rank));
        }
    }

    /** How many rows were offered (a rerun's rows included): more than {@link #size()} after a rerun. */
    public long rowsRead() {
        return rowsRead;
    }

    /** How many items have an outcome. */
    public int size() {
        return byIndex.size();
    }

    public long failed() {
        return byIndex.values().stream().filter(r -> !r.run().succeeded()).count();
    }

    /** The highest index with an outcome; -1 when there is none. */
    public int lastIndex() {
        return byIndex.isEmpty() ? -1 : byIndex.lastKey();
    }

    /** The latest outcome of every item, in index order; with {@code failedOnly} only those that failed. */
    public void forEach(boolean failedOnly, Consumer<ItemRun> row) {
        for (Map.Entry<Integer, Ranked> e : byIndex.entrySet()) {
            ItemRun run = e.getValue().run();
            if (!failedOnly || !run.succeeded()) {
                row.accept(run);
            }
        }
    }
}
