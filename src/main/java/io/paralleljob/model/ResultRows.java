package io.paralleljob.model;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * One item's full result as a line of JSON: the row of every results ledger (local mode's
 * {@code --results} file, the cluster's chunks) and of {@code results -o jsonl}. A row is an
 * {@link ItemRun} as the runner measured it, so nothing the runner knew is lost on the way.
 */
public final class ResultRows {
    private ResultRows() {
    }

    public static String line(ItemRun run) {
        try {
            return ReportLine.JSON.writeValueAsString(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException naming what is wrong with a line that is not a result row */
    public static ItemRun parse(String line) {
        try {
            ItemRun run = ReportLine.JSON.readValue(line, ItemRun.class);
            if (run == null) {
                throw new IllegalArgumentException("not a result row: " + abbreviate(line));
            }
            return run;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a result row (" + e.getOriginalMessage() + "): " + abbreviate(line),
                    e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
