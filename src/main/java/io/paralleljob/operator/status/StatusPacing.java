package io.paralleljob.operator.status;

import io.paralleljob.api.ParallelJobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Coalesces a running job's status writes: a change a user acts on (the phase, the strategy, a
 * condition turning) is written at once; progress alone (counts, results, timing, shards) at most
 * once per interval, and what came in between goes in the next write. A ten-pod job whose pods end
 * within a second costs three status writes, not ten, as the Job controller batches pod updates
 * for a second before it syncs (KEP-2307).
 *
 * <p>It remembers running jobs only: a job's entry goes when the job finishes or is deleted, and
 * after an operator restart the first write of each job is simply not delayed.
 */
public final class StatusPacing {
    private final Duration interval;
    /** Job UID to when its status was last written. */
    private final Map<String, Instant> lastWrite = new ConcurrentHashMap<>();

    public StatusPacing(Duration interval) {
        this.interval = interval;
    }

    /**
     * How long the write of {@code next} should wait, or null to write it now.
     *
     * @param previous the status as stored
     */
    public Duration delay(String jobUid, ParallelJobStatus previous, ParallelJobStatus next, Instant now) {
        Instant last = lastWrite.get(jobUid);
        if (last == null || interval.isZero() || urgent(previous, next)) {
            return null;
        }
        Duration left = interval.minus(Duration.between(last, now));
        return left.isNegative() || left.isZero() ? null : left;
    }

    public void wrote(String jobUid, Instant at) {
        lastWrite.put(jobUid, at);
    }

    public void forget(String jobUid) {
        lastWrite.remove(jobUid);
    }

    /** How many jobs are remembered: the running jobs written at least once since the operator started. */
    public int size() {
        return lastWrite.size();
    }

    /** A change someone waits for: never held back. */
    static boolean urgent(ParallelJobStatus previous, ParallelJobStatus next) {
        return previous == null || !Objects.equals(previous.getPhase(), next.getPhase())
                || !Objects.equals(previous.getStrategy(), next.getStrategy())
                || !Objects.equals(previous.getObservedGeneration(), next.getObservedGeneration())
                || !conditionStates(previous).equals(conditionStates(next));
    }

    /** Each condition's type, status and reason: what a dashboard or `kubectl wait` reacts to. */
    private static List<String> conditionStates(ParallelJobStatus s) {
        return s.getConditions() == null ? List.of() : s.getConditions().stream()
                .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason()).sorted().toList();
    }
}
