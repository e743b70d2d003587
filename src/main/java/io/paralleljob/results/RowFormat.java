package io.paralleljob.results;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.LatestResults;
import io.paralleljob.model.ResultRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** How the results command prints rows: JSON Lines (the ledger's own rows), CSV or a table. */
abstract class RowFormat {
    static final String CSV_HEADER = "index,item,exitCode,attempts,startEpochMillis,durationMillis,cpuMillis,output,"
            + "error,stderrTail";

    abstract void header(Writer out) throws IOException;

    abstract void row(Writer out, ItemRun r) throws IOException;

    void footer(Writer out, LatestResults all, long shown) throws IOException {
    }

    static RowFormat named(String name, LatestResults rows, boolean failedOnly) {
        return switch (name) {
            case "csv" -> new Csv();
            case "table" -> Table.sizedFor(rows, failedOnly);
            default -> new Jsonl();
        };
    }

    /** Prints the latest outcome of every item (or every failed one), in index order. */
    static long print(RowFormat format, LatestResults rows, boolean failedOnly, Writer out) {
        long[] shown = {0};
        try {
            format.header(out);
            rows.forEach(failedOnly, r -> {
                try {
                    format.row(out, r);
                    shown[0]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            format.footer(out, rows, shown[0]);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return shown[0];
    }

    private static final class Jsonl extends RowFormat {
        @Override
        void header(Writer out) {
        }

        @Override
        void row(Writer out, ItemRun r) throws IOException {
            out.write(ResultRows.line(r));
            out.write('\n');
        }
    }

    private static final class Csv extends RowFormat {
        @Override
        void header(Writer out) throws IOException {
            out.write(CSV_HEADER + "\n");
        }

        @Override
        void row(Writer out, ItemRun r) throws IOException {
            out.write(r.index() + "," + quote(r.item()) + "," + text(r.exitCode()) + "," + r.attempts() + ","
                    + r.startEpochMillis() + "," + r.durationMillis() + "," + text(r.cpuMillis()) + ","
                    + quote(r.output()) + "," + quote(r.error()) + "," + quote(r.stderrTail()) + "\n");
        }

        private static String text(Object o) {
            return o == null ? "" : o.toString();
        }

        /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
        static String quote(String s) {
            if (s == null) {
                return "";
            }
            if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
                return s;
            }
            return '"' + s.replace("\"", "\"\"") + '"';
        }
    }
}
