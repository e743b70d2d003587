package io.paralleljob.operator.reconcile;

import io.paralleljob.model.ItemRun;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One result per item from all pods' reports. A replacement pod skips what its predecessor
 * finished, so duplicates are rare (an operator restart between a pod's end and the next pod's
 * creation); when they happen a success wins, so no item is counted twice, and a result with its
 * output wins over the ledger's memory of the same outcome without it.
 */
final class ResultMerge {
    private ResultMerge() {
    }

    static Map<Integer, ItemRun> merge(Collection<? extends Collection<ItemRun>> reports) {
        Map<Integer, ItemRun> byIndex = new LinkedHashMap<>();
        for (Collection<ItemRun> runs : reports) {
            for (ItemRun r : runs) {
                byIndex.merge(r.index(), r, ResultMerge::better);
            }
        }
        return byIndex;
    }

    /** A success over a failure; between equals, the one that still has its output. */
    private static ItemRun better(ItemRun a, ItemRun b) {
        if (a.succeeded() != b.succeeded()) {
            return a.succeeded() ? a : b;
        }
        return a.detailDropped() && !b.detailDropped() ? b : a;
    }
}
