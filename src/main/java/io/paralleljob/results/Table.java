package io.paralleljob.results;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.LatestResults;
import java.io.IOException;
import java.io.Writer;

/**
 * Results for reading at a terminal: one line per item, columns aligned, long text cut. A failed
 * item shows why where its output would be, so the table alone tells what went wrong.
 */
final class Table extends RowFormat {
    private static final int MAX_ITEM = 32;
    private static final int MAX_TEXT = 80;
    private final int indexWidth;
    private final int itemWidth;

    private Table(int indexWidth, int itemWidth) {
        this.indexWidth = indexWidth;
        this.itemWidth = itemWidth;
    }

    /** Widths from the rows to print (they are in memory already): a short list gets narrow columns. */
    static Table sizedFor(LatestResults rows, boolean failedOnly) {
        int[] item = {"ITEM".length()};
        rows.forEach(failedOnly, r -> item[0] = Math.max(item[0], Math.min(MAX_ITEM, oneLine(r.item()).length())));
        int index = Math.max("INDEX".length(), Integer.toString(Math.max(0, rows.lastIndex())).length());
        return new Table(index, item[0]);
    }

    @Override
    void header(Writer out) throws IOException {
        out.write(line("INDEX", "ITEM", "EXIT", "ATTEMPTS", "MILLIS", "OUTPUT / WHY IT FAILED"));
    }

    @Override
    void row(Writer out, ItemRun r) throws IOException {
        out.write(line(Integer.toString(r.index()), cut(oneLine(r.item()), itemWidth),
                r.exitCode() == null ? "-" : r.exitCode().toString(), Integer.toString(r.attempts()),
                Long.toString(r.durationMillis()), cut(oneLine(shown(r)), MAX_TEXT)));
    }

    @Override
    void footer(Writer out, LatestResults all, long shown) throws IOException {
        long failed = all.failed();
        out.write(shown + " shown: " + all.size() + " items with an outcome, " + (all.size() - failed)
                + " succeeded, " + failed + " failed\n");
    }

    /** Output for a success; for a failure the start error, else stderr's last line, else the output. */
    private static String shown(ItemRun r) {
        if (r.succeeded()) {
            return r.output() == null ? "" : r.output();
        }
        if (r.error() != null && !r.error().isBlank()) {
            return r.error();
        }
        String tail = r.stderrTail() == null ? "" : r.stderrTail().strip();
        if (!tail.isEmpty()) {
            return "stderr: " + tail.substring(tail.lastIndexOf('\n') + 1);
        }
        return r.output() == null ? "" : r.output();
    }

    /** Padded by hand: a String.format per row is most of the table's cost on 100 000 rows. */
    private String line(String index, String item, String exit, String attempts, String millis, String text) {
        StringBuilder b = new StringBuilder(indexWidth + itemWidth + 30 + text.length());
        pad(b, index, indexWidth, true).append("  ");
        pad(b, item, itemWidth, false).append("  ");
        pad(b, exit, 4, true).append("  ");
        pad(b, attempts, 8, true).append("  ");
        pad(b, millis, 8, true).append("  ").append(text);
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        b.setLength(end);
        return b.append('\n').toString();
    }

    private static StringBuilder pad(StringBuilder b, String s, int width, boolean right) {
        int fill = Math.max(0, width - s.length());
        if (!right) {
            b.append(s);
        }
        b.append(" ".repeat(fill));
        return right ? b.append(s) : b;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", "").replace('\n', ' ').replace('\t', ' ');
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
