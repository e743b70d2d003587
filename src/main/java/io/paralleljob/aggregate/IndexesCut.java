package io.paralleljob.aggregate;

import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.model.IndexRanges;

/**
 * Index sets too long for the object: the status says so (IndexesTruncated) and where the whole
 * sets are, since a dashboard reading "1,3,5,…" must not take the list for all that failed.
 */
final class IndexesCut {
    private IndexesCut() {
    }

    /** Sets or clears IndexesTruncated after what {@code st}'s index strings say. */
    static Conditions mark(Conditions c, ParallelJobStatus st) {
        boolean failed = IndexRanges.isCut(st.getFailedIndexes());
        boolean completed = IndexRanges.isCut(st.getCompletedIndexes());
        if (!failed && !completed) {
            return c.remove(Conditions.INDEXES_TRUNCATED);
        }
        String which = failed && completed ? "status.failedIndexes and completedIndexes end"
                : failed ? "status.failedIndexes ends" : "status.completedIndexes ends";
        return c.set(Conditions.INDEXES_TRUNCATED, true, "StatusSizeLimit", which + " in \"…\": too many ranges "
                + "for Kubernetes' object size; the results ledger has every item (results NAME --failed)");
    }

    /**
     * Cuts the index strings until {@code st} takes at most {@code maxBytes}: completedIndexes
     * first, failedIndexes only if that is not enough.
     */
    static void fit(ParallelJobStatus st, long maxBytes) {
        long over = JsonSize.of(st) - maxBytes;
        if (over > 0 && st.getCompletedIndexes() != null) {
            st.setCompletedIndexes(IndexRanges.cut(st.getCompletedIndexes(), shorter(st.getCompletedIndexes(), over)));
            over = JsonSize.of(st) - maxBytes;
        }
        if (over > 0 && st.getFailedIndexes() != null) {
            st.setFailedIndexes(IndexRanges.cut(st.getFailedIndexes(), shorter(st.getFailedIndexes(), over)));
        }
    }

    /** A length {@code over} bytes shorter, with room for the ",…" and the condition that says so. */
    private static int shorter(String s, long over) {
        return (int) Math.max(0, s.length() - over - 512);
    }
}
