package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Collection;

/**
 * Stops a suspended job's pods so that nothing is lost or counted twice. Each pod is marked first,
 * then deleted: the runner gets SIGTERM, starts no new item and kills those in flight, which are
 * not reported and so run again on resume; what it reported before stays, read from its log like
 * any ended pod's. The mark is what tells the pod's end (exit 143, phase Failed) from a failure:
 * such a pod spends no backoffLimit and is not reported as a failed shard.
 */
public final class SuspendedPods {
    /** On a worker pod stopped because its job was suspended. */
    public static final String STOPPED = "paralleljob.io/stopped";
    public static final String REASON = "JobSuspended";

    private final KubernetesClient client;
    private final PodExpectations expectations;

    public SuspendedPods(KubernetesClient client, PodExpectations expectations) {
        this.client = client;
        this.expectations = expectations;
    }

    public static boolean stoppedBySuspension(Pod pod) {
        var a = pod.getMetadata().getAnnotations();
        return a != null && REASON.equals(a.get(STOPPED));
    }

    public void stop(Collection<Pod> pods) {
        for (Pod pod : pods) {
            if (PodState.of(pod) != PodState.ACTIVE || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            var ref = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod);
            try {
                if (!stoppedBySuspension(pod)) {
                    ref.patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"metadata\":{\"annotations\":{\"" + STOPPED + "\":\"" + REASON + "\"}}}");
                }
                // Marked before the delete: a pod that ends stopped always carries the mark.
                if (expectations.firstDelete(pod.getMetadata().getUid())) {
                    ref.delete();
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) { // gone already: nothing left to stop
                    throw e;
                }
            }
        }
    }
}
