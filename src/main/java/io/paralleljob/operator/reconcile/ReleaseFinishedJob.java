package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.operator.pods.PodCleanup;
import io.paralleljob.operator.pods.SpecTooLargeException;
import io.paralleljob.operator.status.FinalRecordStore;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A job whose final status is written: nothing more runs. Its pods' results are in that status
 * and its ledger, so their result finalizers go (and the pods, in one request, unless finished
 * pods are kept), and so does what the operator remembered about the job.
 */
final class ReleaseFinishedJob implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        ParallelJobStatus previous = s.job.getStatus();
        if (previous == null || !JobState.finished(previous.getPhase()) || fixedAfterInvalidSpec(s, previous)) {
            return ReconcileProgress.proceed();
        }
        if (s.task != null) {
            // Before the pods (the results' only other copy) go: what status says now, where no
            // status write can change it (see RestoreFinishedStatus). A job refused before its start
            // has no pods and no record, so that a fixed spec still runs it.
            FinalRecordStore.write(s.client(), s.job);
        }
        s.op.reports().forgetAll(s.pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        s.op.progress().forget(s.id());
        s.op.events().forget(s.job);
        s.op.ledger().forget(s.job);
        s.op.pacing().forget(s.job.getMetadata().getUid());
        s.op.expectations().forget(s.job.getMetadata().getUid());
        PodCleanup cleanup = new PodCleanup(s.client(), s.op.expectations());
        cleanup.release(s.pods);
        if (!s.op.settings().keepFinishedPods()) {
            boolean allOwned = s.context.getSecondaryResources(io.fabric8.kubernetes.api.model.Pod.class).size()
                    == s.pods.size();
            cleanup.deleteFinished(s.job, s.pods, allOwned);
        }
        return ReconcileProgress.done();
    }

    /** Failed reasons of jobs refused before their start. */
    private static final java.util.Set<String> NEVER_STARTED = java.util.Set.of("InvalidSpec",
            SpecTooLargeException.REASON, "TaskConfigMapRejected");

    /**
     * A job refused for an invalid spec never started (no pod, no ConfigMap), so an edit that
     * fixes it can still run it: a newer generation than the one judged invalid is judged again.
     */
    private static boolean fixedAfterInvalidSpec(JobState s, ParallelJobStatus previous) {
        boolean invalid = previous.getConditions().stream()
                .anyMatch(c -> Conditions.FAILED.equals(c.getType()) && NEVER_STARTED.contains(c.getReason()));
        return invalid && !Objects.equals(previous.getObservedGeneration(), s.job.getMetadata().getGeneration());
    }
}
