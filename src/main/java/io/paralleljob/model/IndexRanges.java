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

    /**
     * The set as ranges, at most about {@code maxChars} long: a longer one is cut after a whole
     * range and ends in ",…", so it never names an index wrongly.
     */
    public static String format(java.util.BitSet set, int maxChars) {
        StringBuilder out = new StringBuilder();
        for (int start = set.nextSetBit(0); start >= 0; ) {
            int end = set.nextClearBit(start) - 1;
            if (out.length() > maxChars) {
                return out.append(",…").toString();
            }
            append(out, start, end);
            start = end == Integer.MAX_VALUE ? -1 : set.nextSetBit(end + 1);
        }
        return out.toString();
    }

    /** Whether a set written by {@link #format(java.util.BitSet, int)} or {@link #cut} was cut. */
    public static boolean isCut(String ranges) {
        return ranges != null && ranges.endsWith("…");
    }

    /**
     * {@code ranges} at most about {@code maxChars} long, cut after a whole range (never inside
     * one, which would name an index wrongly) and ending in ",…"; unchanged when short enough.
     */
    public static String cut(String ranges, int maxChars) {
        if (ranges.length() <= maxChars) {
            return ranges;
        }
        String body = isCut(ranges) ? ranges.substring(0, Math.max(0, ranges.length() - 2)) : ranges;
        if (body.isEmpty() || maxChars <= 1) {
            return "…";
        }
        int comma = body.lastIndexOf(',', Math.min(maxChars, body.length() - 1));
        return comma <= 0 ? "…" : body.substring(0, comma) + ",…";
    }

    /** Parses ranges into a set; "…" (a cut list) is refused, as it names no index. */
    public static java.util.BitSet parseSet(String text) {
        java.util.BitSet out = new java.util.BitSet();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                out.set(Integer.parseInt(part.strip()));
            } else {
                out.set(Integer.parseInt(part.substring(0, dash).strip()),
                        Integer.parseInt(part.substring(dash + 1).strip()) + 1);
            }
        }
        return out;
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
