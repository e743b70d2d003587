package io.paralleljob.results;

import io.paralleljob.model.ItemRun;

/** Result rows for tests: what a runner reports for an item. */
final class Rows {
    private Rows() {
    }

    static ItemRun ok(int index, String item, String output) {
        return new ItemRun(index, item, 0, output, null, null, 1_700_000_000_000L + index, 12, 3L, 1, 0);
    }

    static ItemRun failed(int index, String item, int exit, String stderr) {
        return new ItemRun(index, item, exit, "", stderr, null, 1_700_000_000_000L + index, 15, 4L, 2, 0);
    }
}
