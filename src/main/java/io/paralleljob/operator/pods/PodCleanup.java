package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.paralleljob.operator.Labels;
import java.util.Collection;

/**
 * Lets go of worker pods once their results are in the job's final status: removes the result
 * finalizer and, unless finished pods are to be kept, deletes them.
 */
public final class PodCleanup {
    private final KubernetesClient client;
    private final PodExpectations expectations;

    public PodCleanup(KubernetesClient client, PodExpectations expectations) {
        this.client = client;
        this.expectations = expectations;
    }

    public void release(Collection<Pod> pods, boolean delete) {
        for (Pod pod : pods) {
            // resource(pod), not withName(name): the latter reads the pod from the server before a patch.
            var ref = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod);
            try {
                int at = pod.getMetadata().getFinalizers() == null ? -1
                        : pod.getMetadata().getFinalizers().indexOf(Labels.RESULT_FINALIZER);
                if (at >= 0) {
                    // One JSON patch, no read first: "test" makes it fail (422) rather than remove
                    // someone else's finalizer if the list changed since the informer saw it.
                    String path = "/metadata/finalizers/" + at;
                    ref.patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"" + path
                            + "\",\"value\":\"" + Labels.RESULT_FINALIZER + "\"},{\"op\":\"remove\",\"path\":\""
                            + path + "\"}]");
                }
                // Deleted in the pass that releases it, only: a pod whose finalizer is gone was released,
                // and deleted, by an earlier pass whose deletion the cache may not show yet (the
                // finalizer patch's event can come first). Deleting again would be a second DELETE.
                if (delete && at >= 0 && pod.getMetadata().getDeletionTimestamp() == null
                        && expectations.firstDelete(pod.getMetadata().getUid())) {
                    ref.delete();
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) { // already gone is what we wanted
                    throw e;
                }
            }
        }
    }

    /** Stops pods still running when the job fails as a whole (deadline, backoff limit). */
    public void stop(Collection<Pod> pods) {
        for (Pod pod : pods) {
            if (PodState.of(pod) == PodState.ACTIVE && pod.getMetadata().getDeletionTimestamp() == null
                    && expectations.firstDelete(pod.getMetadata().getUid())) {
                try {
                    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).delete();
                } catch (KubernetesClientException e) {
                    if (e.getCode() != 404) {
                        throw e;
                    }
                }
            }
        }
    }
}
