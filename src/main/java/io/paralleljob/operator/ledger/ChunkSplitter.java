package io.paralleljob.operator.ledger;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.LedgerChunk;
import java.util.ArrayList;
import java.util.List;

/** Splits a batch of rows into parts whose gzip'd form fits one chunk. */
final class ChunkSplitter {
    private ChunkSplitter() {
    }

    /** Rows and their compressed form, encoded once. */
    record Part(List<ItemRun> rows, byte[] gzip) {
    }

    /**
     * Halves a batch until each half compresses within {@link LedgerChunk#MAX_GZIP_BYTES}. Rows
     * are bounded (output and stderr tails are), so one row always fits and the halving ends.
     */
    static List<Part> split(List<ItemRun> rows) {
        List<Part> out = new ArrayList<>();
        if (!rows.isEmpty()) {
            add(rows, out);
        }
        return out;
    }

    private static void add(List<ItemRun> rows, List<Part> out) {
        byte[] gzip = LedgerChunk.encode(rows);
        if (rows.size() == 1 || gzip.length <= LedgerChunk.MAX_GZIP_BYTES) {
            out.add(new Part(List.copyOf(rows), gzip));
            return;
        }
        int half = rows.size() / 2;
        add(rows.subList(0, half), out);
        add(rows.subList(half, rows.size()), out);
    }
}
