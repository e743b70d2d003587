package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJobStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * spec.ttlSecondsAfterFinished, as batch/v1 Job's TTL-after-finished controller has it: that long
 * after the job finished (its Complete or Failed condition), the job is deleted, and the garbage
 * collector deletes what it owns (task ConfigMap, results ledger, pods); the operator's own
 * cleanup releases the pods' result finalizers. Until then the job is looked at again exactly
 * when the time is up, by the reconciliation's requeue, not by polling.
 */
final class ExpireFinishedJob implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        ParallelJobStatus status = s.job.getStatus();
        Long ttl = s.job.getSpec() == null ? null : s.job.getSpec().getTtlSecondsAfterFinished();
        if (ttl == null || status == null || !JobState.finished(status.getPhase())
                || s.job.getMetadata().getDeletionTimestamp() != null) {
            return ReconcileProgress.proceed();
        }
        Instant finishedAt = finishedAt(status);
        if (finishedAt == null) {
            return ReconcileProgress.proceed();
        }
        Duration left = Duration.between(s.now, finishedAt.plusSeconds(ttl));
        if (!left.isNegative() && !left.isZero()) {
            // Rounded up: woken a little late rather than early, which would only requeue again.
            return ReconcileProgress.proceedAndRequeue(Duration.ofMillis(left.toMillis() + 1));
        }
        try {
            s.client().resource(s.job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) { // deleted by someone else meanwhile: what the TTL wanted
                throw e;
            }
        }
        return ReconcileProgress.done();
    }

    /** When the job finished: its Complete or Failed condition's transition, else status.completionTime. */
    private static Instant finishedAt(ParallelJobStatus status) {
        String at = status.getConditions() == null ? null : status.getConditions().stream()
                .filter(c -> (Conditions.COMPLETE.equals(c.getType()) || Conditions.FAILED.equals(c.getType()))
                        && "True".equals(c.getStatus()))
                .map(c -> c.getLastTransitionTime()).findFirst().orElse(status.getCompletionTime());
        return at == null ? null : Instant.parse(at);
    }
}
