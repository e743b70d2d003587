package io.paralleljob.plan;

import java.util.ArrayList;
import java.util.List;

/** A list given as text, one item per line: a ConfigMap key's value or a file. */
public final class ItemLines {
    private ItemLines() {
    }

    /**
     * One item per line; a final newline ends the last line rather than starting an empty item,
     * and CRLF line ends count as one.
     *
     * @param field the field named in errors (spec.itemsFrom.file, spec.itemsFrom.configMapKeyRef)
     * @param where what the text is, for errors ("file items.txt")
     */
    public static List<String> parse(String text, String field, String where) {
        List<String> items = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int cut = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            items.add(text.substring(start, cut));
            start = end + 1;
        }
        if (items.isEmpty()) {
            throw new InvalidSpecException(field, where + " holds no item (it is empty)");
        }
        return items;
    }
}
