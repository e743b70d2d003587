package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.Phase;
import io.paralleljob.operator.status.StatusWriter;

/**
 * A job suspended before its start does not start: no task ConfigMap, no pod, no startTime, so
 * its spec stays editable and activeDeadlineSeconds has not begun, as with a batch/v1 Job created
 * suspended (the way Kueue and other queues hold Jobs). A started job that is suspended goes on
 * through the steps, which stop its pods (ManagePods) and stop its deadline (DeadlineClock).
 */
final class SuspendJob implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (!s.suspended || s.task != null) {
            return ReconcileProgress.proceed();
        }
        var previous = s.job.getStatus();
        boolean told = previous != null && previous.getConditions() != null && previous.getConditions().stream()
                .anyMatch(c -> Conditions.SUSPENDED.equals(c.getType()) && "True".equals(c.getStatus()));
        s.op.metrics().phase(s.key(), Phase.Pending.name());
        StatusWriter.write(s.context, s.job, StatusBuilder.after(previous, s.now)
                .generation(s.job.getMetadata().getGeneration()).suspendedBeforeStart().build());
        if (!told) {
            s.op.events().normal(s.client(), s.job, "Suspended", "Job suspended before its start: no worker pods "
                    + "are created until spec.suspend is false");
        }
        return ReconcileProgress.done(); // resuming is a spec change: its event brings the job back
    }
}
