package io.paralleljob.operator;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusAggregator;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Phase;
import io.paralleljob.plan.InvalidSpecException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Status writes: computed in one place (the shared aggregator), patched only when something changed. */
final class StatusUpdates {
    static final String SPEC_CHANGE_REJECTED = "SpecChangeRejected";
    static final String RECONCILE_ERROR = "ReconcileError";
    static final String PODS_NOT_STARTING = "PodsNotStarting";
    static final String LOGS_UNREADABLE = "PodLogsUnreadable";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private StatusUpdates() {
    }

    static UpdateControl<ParallelJob> write(ParallelJob job, JobSnapshot snapshot, JobObservation seen,
            long frozenGeneration, OperatorContext op, Long deadlineLeft,
            io.fabric8.kubernetes.client.KubernetesClient client) {
        EventRecorder events = op.events();
        ParallelJobStatus previous = op.statuses().latest(job);
        ParallelJobStatus next = StatusAggregator.aggregate(snapshot, previous);
        next.setShards(seen.shards.stream().map(ShardView::toStatus).toList());
        next.setFailedPods(seen.failedPods.isEmpty() ? null : seen.failedPods.size());
        next.setDisruptedPods(seen.disruptedPods == 0 ? null : seen.disruptedPods);
        // A reconciliation that got this far succeeded: an earlier error no longer applies.
        Conditions conditions = new Conditions(next.getConditions(), snapshot.now()).remove(RECONCILE_ERROR)
                .remove(Leftovers.CONDITION);
        Long generation = job.getMetadata().getGeneration();
        if (generation != null && frozenGeneration > 0 && generation != frozenGeneration) {
            boolean announced = previous != null && previous.getConditions().stream()
                    .anyMatch(c -> SPEC_CHANGE_REJECTED.equals(c.getType()) && "True".equals(c.getStatus()));
            conditions.set(SPEC_CHANGE_REJECTED, true, "JobAlreadyStarted", "spec changed after the job started "
                    + "(generation " + frozenGeneration + " -> " + generation + "); the running job keeps the spec it "
                    + "started with. Delete and re-create the job to run the new spec.");
            if (!announced) {
                events.warning(job, "SpecChangeRejected", "spec edits after the start are not applied");
            }
        }
        reportStuckPods(job, previous, seen, conditions, events);
        if (seen.unreadable.isEmpty()) {
            conditions.remove(LOGS_UNREADABLE);
        } else {
            conditions.set(LOGS_UNREADABLE, true, "PodLogUnreadable", String.join("; ", seen.unreadable)
                    + "; their items count when the log can be read (retried every 15 s)");
        }
        next.setConditions(conditions.toList());
        announceEnd(job, previous, next, op);
        op.metrics().phase(key(job), next.getPhase());
        if (sameIgnoringDuration(previous, next)) {
            return withDeadline(UpdateControl.noUpdate(), deadlineLeft);
        }
        op.statuses().write(client, job, next);
        UpdateControl<ParallelJob> control = UpdateControl.noUpdate();
        if (Phase.valueOf(next.getPhase()).finished()) {
            // One more pass, after the final status is stored, releases the pods' finalizers.
            return control.rescheduleAfter(Duration.ofSeconds(1));
        }
        return withDeadline(control, deadlineLeft);
    }

    /** PodsNotStarting: a pod waits on something only a person can fix (an image, a Secret, capacity). */
    private static void reportStuckPods(ParallelJob job, ParallelJobStatus previous, JobObservation seen,
            Conditions conditions, EventRecorder events) {
        String stuck = seen.activePods().stream().map(PodState::notStarting).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (stuck == null) {
            conditions.remove(PODS_NOT_STARTING);
            return;
        }
        boolean announced = previous != null && previous.getConditions().stream()
                .anyMatch(c -> PODS_NOT_STARTING.equals(c.getType()) && stuck.equals(c.getMessage()));
        conditions.set(PODS_NOT_STARTING, true, "PodWaiting", stuck);
        if (!announced) {
            events.warning(job, PODS_NOT_STARTING, stuck);
        }
    }

    static UpdateControl<ParallelJob> invalid(ParallelJob job, InvalidSpecException e, OperatorContext op,
            io.fabric8.kubernetes.client.KubernetesClient client) {
        EventRecorder events = op.events();
        op.metrics().phase(key(job), Phase.Failed.name());
        ParallelJobStatus previous = op.statuses().latest(job);
        boolean announced = previous != null && Phase.Failed.name().equals(previous.getPhase());
        ParallelJobStatus st = new ParallelJobStatus();
        st.setObservedGeneration(job.getMetadata().getGeneration());
        st.setPhase(Phase.Failed.name());
        st.setConditions(new Conditions(previous == null ? null : previous.getConditions(), Instant.now())
                .set(Conditions.FAILED, true, "InvalidSpec", e.getMessage()).toList());
        if (sameIgnoringDuration(previous, st)) {
            return UpdateControl.noUpdate();
        }
        if (!announced) {
            events.warning(job, "InvalidSpec", e.getMessage());
        }
        op.statuses().write(client, job, st);
        return UpdateControl.noUpdate();
    }

    private static String key(ParallelJob job) {
        return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
    }

    private static void announceEnd(ParallelJob job, ParallelJobStatus previous, ParallelJobStatus next,
            OperatorContext op) {
        EventRecorder events = op.events();
        boolean wasFinished = previous != null && previous.getPhase() != null
                && Phase.valueOf(previous.getPhase()).finished();
        if (wasFinished || !Phase.valueOf(next.getPhase()).finished()) {
            return;
        }
        op.metrics().jobFinished(next.getPhase(), next.getTiming() == null ? 0 : next.getTiming().getWallMillis(),
                next.getItems() == null ? 0 : next.getItems().getTotal());
        String type = Phase.Succeeded.name().equals(next.getPhase()) ? Conditions.COMPLETE : Conditions.FAILED;
        String message = next.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .map(c -> c.getMessage()).orElse(next.getPhase());
        if (type.equals(Conditions.COMPLETE)) {
            events.normal(job, "Completed", message);
        } else {
            events.warning(job, "Failed", message);
        }
    }

    private static UpdateControl<ParallelJob> withDeadline(UpdateControl<ParallelJob> c, Long deadlineLeft) {
        // A timer, not polling: the only thing that can happen without a pod event is the deadline passing.
        return deadlineLeft == null ? c : c.rescheduleAfter(Duration.ofSeconds(Math.max(1, deadlineLeft)));
    }

    /** Only the running duration moved: not worth a write (it is recomputed at the next real change). */
    static boolean sameIgnoringDuration(ParallelJobStatus a, ParallelJobStatus b) {
        if (a == null) {
            return false;
        }
        String da = a.getDuration();
        String db = b.getDuration();
        a.setDuration(null);
        b.setDuration(null);
        try {
            return Objects.equals(JSON.asJson(a), JSON.asJson(b));
        } finally {
            a.setDuration(da);
            b.setDuration(db);
        }
    }

    static List<String> conditionTypes(ParallelJobStatus st) {
        return st.getConditions().stream().map(c -> c.getType()).toList();
    }
}
