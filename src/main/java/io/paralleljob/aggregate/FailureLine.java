package io.paralleljob.aggregate;

import io.paralleljob.model.ItemRun;

/** Why an item failed, in one line: its start error, or its exit code and the last line of its stderr. */
public final class FailureLine {
    private FailureLine() {
    }

    public static String of(ItemRun r) {
        if (r.error() != null) {
            return "item " + r.index() + ": " + r.error();
        }
        String tail = r.stderrTail() == null ? "" : r.stderrTail().strip();
        String lastLine = tail.isEmpty() ? "" : ": " + tail.substring(tail.lastIndexOf('\n') + 1);
        return "item " + r.index() + " exited " + r.exitCode() + lastLine;
    }
}
