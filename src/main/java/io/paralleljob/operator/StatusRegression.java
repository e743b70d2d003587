package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import java.util.Objects;

/**
 * Which updates of a job start a reconciliation. What generation-aware processing would take (a
 * spec change, the framework's finalizer, a deletion), and one thing more: a status that went
 * backwards. The operator's own writes only move status forward; one that loses a finished phase
 * or finished items was written by someone else (a replica that lost its Lease, a person), and
 * the operator must see it to undo it. Every other status change is the operator's own and needs
 * no reconciliation, as before.
 */
public class StatusRegression implements OnUpdateFilter<ParallelJob> {
    @Override
    public boolean accept(ParallelJob newer, ParallelJob older) {
        ObjectMeta n = newer.getMetadata();
        ObjectMeta o = older.getMetadata();
        return generation(n) > generation(o) || n.getDeletionTimestamp() != null
                || !Objects.equals(n.getFinalizers(), o.getFinalizers()) || wentBack(older.getStatus(), newer.getStatus());
    }

    /** A finished phase lost or changed, or fewer items done than before. */
    static boolean wentBack(ParallelJobStatus before, ParallelJobStatus after) {
        if (before == null) {
            return false;
        }
        if (after == null) {
            return true;
        }
        if (finished(before.getPhase()) && !before.getPhase().equals(after.getPhase())) {
            return true;
        }
        return done(after) < done(before);
    }

    private static boolean finished(String phase) {
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static long done(ParallelJobStatus s) {
        return s.getItems() == null ? 0 : s.getItems().getSucceeded() + s.getItems().getFailed();
    }

    private static long generation(ObjectMeta m) {
        return m.getGeneration() == null ? 0 : m.getGeneration();
    }
}
