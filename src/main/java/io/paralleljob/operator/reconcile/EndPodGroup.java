package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.paralleljob.operator.kueue.KueuePodGroup;

/**
 * A finished job's Kueue pod group is ended, so that Kueue finishes its Workload and frees the
 * quota: Kueue counts a group as succeeded only when as many pods succeeded as the group holds,
 * and otherwise waits for replacements. {@code retriable-in-group: "false"} on the group's pods
 * says none will come (Kueue needs it on one pod; all carry it, whichever is kept longest).
 */
final class EndPodGroup implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        var status = s.job.getStatus();
        if (status == null || !JobState.finished(status.getPhase()) || s.task == null || s.kueueQueue() == null) {
            return ReconcileProgress.proceed();
        }
        for (Pod pod : s.pods) {
            var a = pod.getMetadata().getAnnotations();
            if (a != null && "false".equals(a.get(KueuePodGroup.RETRIABLE))) {
                continue;
            }
            try {
                s.client().pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod)
                        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"annotations\":{\""
                                + KueuePodGroup.RETRIABLE + "\":\"false\"}}}");
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) { // a pod already gone is out of the group
                    throw e;
                }
            }
        }
        return ReconcileProgress.proceed();
    }
}
