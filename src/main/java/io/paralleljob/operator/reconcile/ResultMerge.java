package io.paralleljob.operator.reconcile;

import io.paralleljob.model.ItemRun;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result per item from all pods' reports. A replacement pod skips what its predecessor
 * finished, so duplicates are rare (an operator restart between a pod's end and the next pod's
 * creation); when they happen a success wins, so no item is counted twice.
 */
final class ResultMerge {
    private ResultMerge() {
    }

    static Map<Integer, ItemRun> merge(Collection<? extends Collection<ItemRun>> reports) {
        Map<Integer, ItemRun> byIndex = new LinkedHashMap<>();
        for (Collection<ItemRun> runs : reports) {
            for (ItemRun r : runs) {
                byIndex.merge(r.index(), r, (a, b) -> a.succeeded() || !b.succeeded() ? a : b);
            }
        }
        return byIndex;
    }
}
