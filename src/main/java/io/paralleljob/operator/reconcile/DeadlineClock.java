package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJobStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * When spec.activeDeadlineSeconds counts from. As batch/v1 Job does on resume, the clock starts
 * again whenever the job is let go: at its start, and at the last moment it was resumed
 * (Suspended turned False) or admitted by Kueue (Queued turned False). While suspended or queued
 * it does not run at all. status.startTime stays the job's first start: it is what freezes the spec.
 */
final class DeadlineClock {
    private DeadlineClock() {
    }

    /** Seconds left, or null: no deadline, or the job is held (suspended, queued) and the clock stands. */
    static Long secondsLeft(JobState s, boolean held) {
        Long limit = s.plan.activeDeadlineSeconds();
        if (limit == null || held) {
            return null;
        }
        Instant from = latest(ObserveJob.startedAt(s), releasedAt(s, Conditions.SUSPENDED),
                releasedAt(s, Conditions.QUEUED));
        // Never negative: a start "in the future" (the API server's clock ahead of ours) must
        // neither lengthen the deadline nor overflow it.
        long elapsed = Math.max(0, Duration.between(from == null ? s.now : from, s.now).toSeconds());
        return limit - elapsed;
    }

    /** When the hold of this type ended: now if the last status still says held, else its transition time. */
    private static Instant releasedAt(JobState s, String type) {
        ParallelJobStatus status = s.job.getStatus();
        if (status == null || status.getConditions() == null) {
            return null;
        }
        for (Condition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                if ("True".equals(c.getStatus())) {
                    return s.now; // released in this very reconciliation
                }
                return c.getLastTransitionTime() == null ? null : Instant.parse(c.getLastTransitionTime());
            }
        }
        return null;
    }

    private static Instant latest(Instant... times) {
        Instant latest = null;
        for (Instant t : times) {
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }
}
