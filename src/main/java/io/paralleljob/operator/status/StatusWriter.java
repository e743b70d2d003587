package io.paralleljob.operator.status;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.paralleljob.aggregate.JsonSize;
import io.paralleljob.aggregate.StatusBudget;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import java.util.Objects;

/**
 * The one way status reaches the API server: the framework's update-and-cache path.
 *
 * <ul>
 *   <li>The status is replaced whole (PUT of the status subresource), so a list such as
 *       {@code results} can never be half-merged into an older one. (A JSON patch diffed against a
 *       stale copy once put 7 results on a 6-item job; the mock API server appends lists on merge
 *       patch, so neither patch form is safe in tests.)
 *   <li>The write carries the job's resourceVersion: a status written by someone else since the
 *       informer showed this job is answered 409, and the framework waits for the cache to catch
 *       up and writes again on the fresh object.
 *   <li>It fits the API server's store: what the job's metadata and spec leave of
 *       {@link StatusBudget#OBJECT_BUDGET} is the status's budget, results go first when it is short.
 *   <li>The server's answer goes into the informer cache at once, so the next reconciliation
 *       starts from this status even if the watch event is still on its way. The operator keeps
 *       no copy of its own.
 * </ul>
 */
public final class StatusWriter {
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    /**
     * After a 409 the framework waits for the informer to bring the newer job, then writes again.
     * A conflict whose newer version never shows within the wait ends the reconciliation with an
     * error instead, and the framework's retry takes over: seconds, not a blocked thread.
     */
    private static final int CONFLICT_RETRIES = 3;
    private static final long CACHE_WAIT_MILLIS = 2000;
    private static final long CACHE_POLL_MILLIS = 50;

    private StatusWriter() {
    }

    private static java.util.List<io.fabric8.kubernetes.api.model.Condition> stored(ParallelJob job) {
        return job.getStatus() == null ? null : job.getStatus().getConditions();
    }

    /**
     * Writes {@code next} unless only the running duration moved (recomputed at the next real
     * change). The job passed in is never modified.
     *
     * @return true when a write was made
     */
    public static boolean write(Context<ParallelJob> context, ParallelJob job, ParallelJobStatus wanted) {
        ParallelJobStatus next = StatusBudget.fit(wanted, statusBudget(job), java.time.Instant.now(), stored(job));
        if (sameIgnoringDuration(job.getStatus(), next)) {
            return false;
        }
        store(context, job, next);
        return true;
    }

    /**
     * As {@link #write}, for a running job's status paced by {@code pacing}: nothing is written
     * when nothing changed; a change of progress only within the interval since the last write is
     * held back, and the time left is returned for a requeue (null: written, or nothing to write).
     */
    public static java.time.Duration writePaced(Context<ParallelJob> context, ParallelJob job, ParallelJobStatus wanted,
            StatusPacing pacing, java.time.Instant now) {
        ParallelJobStatus next = StatusBudget.fit(wanted, statusBudget(job), now, stored(job));
        if (sameIgnoringDuration(job.getStatus(), next)) {
            return null;
        }
        String uid = job.getMetadata().getUid();
        java.time.Duration wait = pacing.delay(uid, job.getStatus(), next, now);
        if (wait == null) {
            store(context, job, next);
            pacing.wrote(uid, now);
        }
        return wait;
    }

    private static void store(Context<ParallelJob> context, ParallelJob job, ParallelJobStatus next) {
        // The framework sets the status on the object it is given (and on fresh copies after a conflict).
        PrimaryUpdateAndCacheUtils.updateAndCacheResource(JSON.clone(job), context, fresh -> {
            fresh.setStatus(next);
            return fresh;
        }, fresh -> context.getClient().resource(fresh).updateStatus(),
                CONFLICT_RETRIES, CACHE_WAIT_MILLIS, CACHE_POLL_MILLIS);
    }

    /** What the status may take: the object's budget less the job's metadata and spec as stored. */
    static long statusBudget(ParallelJob job) {
        ParallelJob withoutStatus = new ParallelJob();
        withoutStatus.setMetadata(job.getMetadata());
        withoutStatus.setSpec(job.getSpec());
        return Math.max(StatusBudget.MIN_STATUS, StatusBudget.OBJECT_BUDGET - JsonSize.of(withoutStatus));
    }

    static boolean sameIgnoringDuration(ParallelJobStatus a, ParallelJobStatus b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(withoutDuration(a), withoutDuration(b));
    }

    private static String withoutDuration(ParallelJobStatus s) {
        ParallelJobStatus copy = JSON.clone(s);
        copy.setDuration(null);
        return JSON.asJson(copy);
    }
}
