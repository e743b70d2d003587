package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.Phase;
import io.paralleljob.model.Words;
import io.paralleljob.operator.pods.SpecTooLargeException;
import io.paralleljob.operator.pods.TaskConfigMap;
import io.paralleljob.operator.status.StatusWriter;

/**
 * Starts the job: freezes its spec in the task ConfigMap, which every worker pod mounts and every
 * later reconciliation builds pods from. Created once; its creation time is the job's start.
 */
final class CreateTaskConfigMap implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (s.task != null) {
            return ReconcileProgress.proceed();
        }
        ConfigMap cm = TaskConfigMap.build(s.job, s.plan);
        try {
            s.task = s.client().configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // Created by an earlier reconciliation; the informer will bring it (no read needed).
                return ReconcileProgress.doneAndRequeue(Requeue.TASK_NOT_IN_CACHE);
            }
            if (e.getCode() == 413 || e.getCode() == 422) {
                // Refused for what it holds (too large, a value the server checks): it would be every time.
                String reason = e.getCode() == 413 ? SpecTooLargeException.REASON : "TaskConfigMapRejected";
                String message = "the API server refused the job's task ConfigMap: " + e.getMessage();
                s.op.metrics().phase(s.key(), Phase.Failed.name());
                StatusWriter.write(s.context, s.job, StatusBuilder.after(s.job.getStatus(), s.now)
                        .generation(s.job.getMetadata().getGeneration()).invalidSpec(reason, message).build());
                s.op.events().warning(s.client(), s.job, reason, message);
                return ReconcileProgress.done();
            }
            throw e;
        }
        s.op.ledger().startEmpty(s.job); // a job starting now has no results to read back
        s.op.events().normal(s.client(), s.job, "Started", Words.count(s.plan.runCount(), "item") + ", workload "
                + s.plan.workload() + ", parallelism " + s.plan.parallelism());
        return ReconcileProgress.proceed();
    }
}
