package io.paralleljob.aggregate;

import io.paralleljob.model.ItemRun;

/** Synthetic item outcomes for aggregation tests. */
final class Runs {
    static final long T0 = 1_700_000_000_000L;

    private Runs() {
    }

    static ItemRun ok(int index, long start, long duration) {
        return new ItemRun(index, "item-" + index, 0, "out-" + index, null, null, start, duration, duration / 2, 1, 0);
    }

    static ItemRun failed(int index, int exit, String stderr) {
        return new ItemRun(index, "item-" + index, exit, "", stderr, null, T0, 100, 10L, 1, 0);
    }

    static ItemRun notStarted(int index, String error) {
        return new ItemRun(index, "item-" + index, null, "", null, error, T0, 1, null, 1, 0);
    }
}
