package io.paralleljob.plan;

import static io.paralleljob.api.Limits.MAX_ITEMS;

import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.api.ParallelJobSpec;
import java.util.List;

/** The spec's work list checked and expanded: items, range or itemsFrom, exactly one. */
final class WorkListCheck {
    /** What one environment variable (PJ_ITEM) may hold on Linux: MAX_ARG_STRLEN. */
    static final int MAX_ITEM_BYTES = SpecValidator.MAX_ITEM_BYTES;

    private WorkListCheck() {
    }

    /** The work list, from whichever of items, range and itemsFrom is set (exactly one must be). */
    static ResolvedItems of(ParallelJobSpec spec, ItemSource source) {
        List<String> list = spec.getItems();
        ItemRange range = spec.getRange();
        int given = (list != null ? 1 : 0) + (range != null ? 1 : 0) + (spec.getItemsFrom() != null ? 1 : 0);
        if (given > 1) {
            throw new InvalidSpecException("spec.items", "set exactly one of items, range and itemsFrom");
        }
        if (given == 0) {
            throw new InvalidSpecException("spec.items", "no work given: set items (a list), range {start, end} or "
                    + "itemsFrom");
        }
        if (spec.getItemsFrom() != null) {
            return fromSource(spec.getItemsFrom(), source);
        }
        return ResolvedItems.all(list != null ? list(list, "spec.items") : range(range));
    }

    private static ResolvedItems fromSource(ItemsFrom from, ItemSource source) {
        int set = (from.getConfigMapKeyRef() != null ? 1 : 0) + (blank(from.getFile()) ? 0 : 1)
                + (blank(from.getFailedOf()) ? 0 : 1);
        if (set != 1) {
            throw new InvalidSpecException("spec.itemsFrom", "set exactly one of configMapKeyRef, file and failedOf");
        }
        if (from.getConfigMapKeyRef() != null && (blank(from.getConfigMapKeyRef().getName())
                || blank(from.getConfigMapKeyRef().getKey()))) {
            throw new InvalidSpecException("spec.itemsFrom.configMapKeyRef", "needs both name and key");
        }
        ResolvedItems r = source.resolve(from);
        String field = from.getConfigMapKeyRef() != null ? "spec.itemsFrom.configMapKeyRef"
                : from.getFile() != null ? "spec.itemsFrom.file" : "spec.itemsFrom.failedOf";
        if (r.items().explicit() != null) {
            list(r.items().explicit(), field);
        }
        if (r.runOnly() != null && r.runOnly().isEmpty()) {
            throw new InvalidSpecException(field, "leaves no item to run");
        }
        return r;
    }

    /**
     * A list given in the spec or read from elsewhere ({@code field} names where, for errors).
     */
    static WorkItems list(List<String> list, String field) {
        if (list.isEmpty()) {
            throw new InvalidSpecException(field, "is empty: give at least one item");
        }
        if (list.size() > MAX_ITEMS) {
            throw new InvalidSpecException(field, "has " + list.size() + " items; at most " + MAX_ITEMS);
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new InvalidSpecException(field + "[" + i + "]", "is null; items are strings");
            }
            item(field, i, list.get(i));
        }
        return WorkItems.of(list);
    }

    private static WorkItems range(ItemRange range) {
        if (range.getStart() == null) {
            throw new InvalidSpecException("spec.range.start", "is required");
        }
        if (range.getEnd() == null) {
            throw new InvalidSpecException("spec.range.end", "is required");
        }
        // Compared, not subtracted: end - start overflows a long for far-apart bounds (a 2^64 range
        // read as -1 items, "empty"; start 2^63-1 with a negative end read as a few items that wrapped).
        if (range.getEnd() <= range.getStart()) {
            throw new InvalidSpecException("spec.range", "is empty: end (" + range.getEnd()
                    + ") must be greater than start (" + range.getStart() + ")");
        }
        long size;
        try {
            size = Math.subtractExact(range.getEnd(), range.getStart());
        } catch (ArithmeticException tooFarApart) {
            size = Long.MAX_VALUE;
        }
        if (size > MAX_ITEMS) {
            throw new InvalidSpecException("spec.range", "has " + (size == Long.MAX_VALUE ? "more than 2^63" : size)
                    + " items; at most " + MAX_ITEMS);
        }
        // Every item, start + index < end, is a long: none wraps.
        return WorkItems.range(range.getStart(), (int) size);
    }

    /** An item reaches its command as PJ_ITEM: what no environment variable can hold is refused here, by index. */
    private static void item(String field, int index, String value) {
        int nul = value.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidSpecException(field + "[" + index + "]", "contains a NUL character (at " + nul
                    + "), which no environment variable (PJ_ITEM) can hold");
        }
        if (value.length() > MAX_ITEM_BYTES / 3) { // a char is at most 3 UTF-8 bytes: shorter ones cannot be over
            int bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes > MAX_ITEM_BYTES) {
                throw new InvalidSpecException(field + "[" + index + "]", "is " + bytes + " bytes; an environment "
                        + "variable (PJ_ITEM) holds at most " + MAX_ITEM_BYTES + " on Linux");
            }
        }
    }


    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
