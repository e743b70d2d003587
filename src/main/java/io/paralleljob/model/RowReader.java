package io.paralleljob.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Result rows ({@link ResultRows}) read from JSON Lines one at a time, so a file of any length
 * costs one line of memory here. A bad row names its line. A bad <em>last</em> line is what a run
 * killed in the middle of a write leaves: it is passed to {@code torn} instead of failing the read.
 */
public final class RowReader {
    private RowReader() {
    }

    /** A row read, with the line it was on (1-based): later lines are later outcomes. */
    public interface Row {
        void accept(ItemRun run, long line);
    }

    /**
     * @param where what the input is called in errors ("results.jsonl")
     * @param torn  told about an unreadable last line (its number and why)
     * @throws IllegalArgumentException naming the line of an unreadable row that is not the last
     */
    public static long read(BufferedReader in, String where, Row row, Consumer<String> torn) throws IOException {
        long lineNo = 0;
        String pending = null; // an unreadable line, fatal unless nothing follows it
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (pending != null) {
                throw new IllegalArgumentException(pending);
            }
            ItemRun run;
            try {
                run = ResultRows.parse(line);
            } catch (IllegalArgumentException e) {
                pending = where + ":" + lineNo + ": " + e.getMessage();
                continue;
            }
            row.accept(run, lineNo);
        }
        if (pending != null) {
            torn.accept(pending + " (the last line: a run stopped while writing it? it is skipped)");
        }
        return lineNo;
    }

    /** Every row, in order; for callers that need no line numbers. */
    public static void read(BufferedReader in, String where, Consumer<ItemRun> row) throws IOException {
        read(in, where, (run, line) -> row.accept(run), torn -> {
            throw new IllegalArgumentException(torn);
        });
    }
}
