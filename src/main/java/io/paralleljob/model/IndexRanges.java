package io.paralleljob.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** Sets of item indexes written compactly ("0-5,7,9-12") for pod arguments. */
public final class IndexRanges {
    private IndexRanges() {
    }

    public static String format(java.util.Collection<Integer> indexes) {
        SortedSet<Integer> sorted = new TreeSet<>(indexes);
        StringBuilder out = new StringBuilder();
        Integer start = null;
        Integer prev = null;
        for (int i : sorted) {
            if (prev != null && i == prev + 1) {
                prev = i;
                continue;
            }
            append(out, start, prev);
            start = i;
            prev = i;
        }
        append(out, start, prev);
        return out.toString();
    }

    private static void append(StringBuilder out, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (out.length() > 0) {
            out.append(',');
        }
        out.append(start);
        if (!start.equals(end)) {
            out.append('-').append(end);
        }
    }

    public static List<Integer> parse(String text) {
        List<Integer> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.add(Integer.parseInt(part.strip()));
            } else {
                int a = Integer.parseInt(part.substring(0, dash).strip());
                int b = Integer.parseInt(part.substring(dash + 1).strip());
                for (int i = a; i <= b; i++) {
                    out.add(i);
                }
            }
        }
        return out;
    }
}
