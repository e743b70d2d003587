package io.paralleljob.plan;

import io.paralleljob.api.ParallelJobSpec;
import java.util.List;

/**
 * delivery: Stream sends one item per line, so an item with a line break in it would reach the
 * worker as two items and every later answer would belong to the wrong item. Such an item is
 * refused before anything runs, by index, rather than escaped: escaping would make every worker
 * decode its input, and the three-line loop would no longer be a valid worker.
 */
final class StreamItemsCheck {
    private StreamItemsCheck() {
    }

    static void check(ParallelJobSpec spec, ResolvedItems resolved) {
        List<String> items = resolved.items().explicit();
        if (items == null) {
            return; // a range: integers have no line break
        }
        String field = spec.getItems() != null ? "spec.items" : "spec.itemsFrom";
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i);
            if (item.indexOf('\n') >= 0 || item.indexOf('\r') >= 0) {
                throw new InvalidSpecException(field + "[" + i + "]", "contains a line break; with delivery Stream "
                        + "each item is one line on the worker's stdin (use delivery PerItem, or encode the item, "
                        + "e.g. as JSON or base64)");
            }
        }
    }
}
