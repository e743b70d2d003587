package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.operator.pods.PodCleanup;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A job whose final status is written: nothing more runs. Its pods' results are in that status,
 * so their result finalizers go (and the pods, unless finished pods are kept), and so does what
 * the operator remembered about the job.
 */
final class ReleaseFinishedJob implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        ParallelJobStatus previous = s.job.getStatus();
        if (previous == null || !JobState.finished(previous.getPhase()) || fixedAfterInvalidSpec(s, previous)) {
            return ReconcileProgress.proceed();
        }
        s.op.reports().forgetAll(s.pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        s.op.progress().forget(s.id());
        s.op.events().forget(s.job);
        s.op.expectations().forget(s.job.getMetadata().getUid());
        new PodCleanup(s.client(), s.op.expectations()).release(s.pods, !s.op.settings().keepFinishedPods());
        return ReconcileProgress.done();
    }

    /**
     * A job refused for an invalid spec never started (no pod, no ConfigMap), so an edit that
     * fixes it can still run it: a newer generation than the one judged invalid is judged again.
     */
    private static boolean fixedAfterInvalidSpec(JobState s, ParallelJobStatus previous) {
        boolean invalid = previous.getConditions().stream()
                .anyMatch(c -> Conditions.FAILED.equals(c.getType()) && "InvalidSpec".equals(c.getReason()));
        return invalid && !Objects.equals(previous.getObservedGeneration(), s.job.getMetadata().getGeneration());
    }
}
