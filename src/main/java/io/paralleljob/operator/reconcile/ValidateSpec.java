package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Phase;
import io.paralleljob.operator.config.JobPolicy;
import io.paralleljob.operator.pods.TaskConfigMap;
import io.paralleljob.operator.status.StatusWriter;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.SpecValidator;

/**
 * Turns the spec into a plan. Before the start that is the live spec, and a spec that cannot run
 * fails the job with the field named (the API server may not enforce the schema: an old CRD); once
 * started, it is the spec frozen in the task ConfigMap, which was valid when it was frozen.
 */
final class ValidateSpec implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (s.task != null) {
            s.frozen = TaskConfigMap.frozenSpec(s.task);
            ParallelJob asStarted = new ParallelJob();
            asStarted.setMetadata(s.job.getMetadata());
            asStarted.setSpec(s.frozen);
            s.plan = SpecValidator.validate(asStarted, JobPolicy.forStartedJobs(), TaskConfigMap.frozenItems(s.task));
            return ReconcileProgress.proceed();
        }
        try {
            s.plan = SpecValidator.validate(s.job, JobPolicy.forNewJobs(s.op.settings()),
                    new io.paralleljob.operator.ledger.ClusterItems(s.client(), s.job.getMetadata().getNamespace()));
            TaskConfigMap.checkFits(s.job, s.plan);
            s.frozen = s.job.getSpec();
            return ReconcileProgress.proceed();
        } catch (InvalidSpecException e) {
            s.op.metrics().phase(s.key(), Phase.Failed.name());
            StatusWriter.write(s.context, s.job, StatusBuilder.after(s.job.getStatus(), s.now)
                    .generation(s.job.getMetadata().getGeneration()).invalidSpec(e.reason(), e.getMessage()).build());
            s.op.events().warning(s.client(), s.job, e.reason(), e.getMessage());
            return ReconcileProgress.done();
        }
    }
}
