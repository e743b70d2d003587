package io.paralleljob.aggregate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Kubernetes-style conditions, updated the way controllers are expected to: a condition keeps its
 * lastTransitionTime while its status stays the same, so dashboards show when something changed,
 * not when the status was last written.
 */
public final class Conditions {
    public static final String STRATEGY_RESOLVED = "StrategyResolved";
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    public static final String RESULTS_TRUNCATED = "ResultsTruncated";
    /** status.failedIndexes or completedIndexes ends in "…": too many ranges for the object. */
    public static final String INDEXES_TRUNCATED = "IndexesTruncated";
    // What only a cluster has to say (set by the operator through StatusBuilder):
    public static final String SPEC_CHANGE_REJECTED = "SpecChangeRejected";
    public static final String PODS_NOT_STARTING = "PodsNotStarting";
    public static final String LOGS_UNREADABLE = "PodLogsUnreadable";
    public static final String LEFTOVERS_BLOCK_START = "LeftoversBlockStart";
    public static final String RECONCILE_ERROR = "ReconcileError";
    public static final String CPU_STARVED = "CPUStarved";
    /** A finished job's status was overwritten (a stale writer) and the operator put the final one back. */
    public static final String STATUS_RESTORED = "StatusRestored";
    /** spec.suspend, as batch/v1 Job has it: True while suspended, False (JobResumed) once resumed. */
    public static final String SUSPENDED = "Suspended";
    /** A Kueue pod group's pods wait for admission (scheduling gate kueue.x-k8s.io/admission). */
    public static final String QUEUED = "Queued";

    private final List<Condition> list;
    private final String now;

    public Conditions(List<Condition> previous, Instant now) {
        this.list = new ArrayList<>(previous == null ? List.of() : previous);
        this.now = Rfc3339.format(now);
    }

    public Conditions set(String type, boolean status, String reason, String message) {
        String statusText = status ? "True" : "False";
        Condition old = find(type);
        String since = old != null && Objects.equals(old.getStatus(), statusText) ? old.getLastTransitionTime() : now;
        Condition updated = new ConditionBuilder().withType(type).withStatus(statusText).withReason(reason)
                .withMessage(message).withLastTransitionTime(since).build();
        if (old == null) {
            list.add(updated);
        } else {
            list.set(list.indexOf(old), updated);
        }
        return this;
    }

    public Conditions remove(String type) {
        list.removeIf(c -> type.equals(c.getType()));
        return this;
    }

    /** "True" or "False", or null when there is no condition of this type. */
    public String status(String type) {
        Condition c = find(type);
        return c == null ? null : c.getStatus();
    }

    public List<Condition> toList() {
        return List.copyOf(list);
    }

    private Condition find(String type) {
        return list.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }
}
