package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.Phase;
import io.paralleljob.operator.pods.PodCleanup;
import io.paralleljob.operator.status.StatusWriter;
import java.util.List;

/**
 * Before the start: objects an earlier job of the same name left hold the names this job needs.
 * A predecessor's go by themselves (their deletion is an event for this job); orphans need a
 * person, and the job says so. The deadline clock does not run meanwhile (the job has not started).
 */
final class WaitForLeftovers implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (s.task != null) {
            return ReconcileProgress.proceed();
        }
        Leftovers leftovers = new Leftovers(s.job, List.copyOf(s.context.getSecondaryResources(Pod.class)),
                List.copyOf(s.context.getSecondaryResources(ConfigMap.class)));
        if (leftovers.none()) {
            return ReconcileProgress.proceed();
        }
        if (!leftovers.hasOrphans()) {
            return ReconcileProgress.doneAndRequeue(Requeue.LEFTOVERS_COLLECTING);
        }
        // Their results have nowhere to go now: drop the result finalizer so that they can be deleted.
        new PodCleanup(s.client(), s.op.expectations()).release(leftovers.orphanPods());
        String message = leftovers.message(s.job);
        s.op.metrics().phase(s.key(), Phase.Pending.name());
        StatusWriter.write(s.context, s.job, StatusBuilder.after(s.job.getStatus(), s.now)
                .generation(s.job.getMetadata().getGeneration()).leftovers(message).build());
        s.op.events().warning(s.client(), s.job, Conditions.LEFTOVERS_BLOCK_START, message);
        return ReconcileProgress.done();
    }
}
