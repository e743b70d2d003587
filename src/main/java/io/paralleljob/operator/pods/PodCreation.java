package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The outcome of creating one worker pod. Pod names are deterministic, so AlreadyExists means a
 * stale cache asked twice (or a predecessor's pod is still going), never a twin; a pod the API
 * server refuses as invalid will be refused again, so that is reported, not retried. Anything
 * else is thrown, for the framework's retry.
 *
 * @param rejected the API server's reason for refusing the pod, or null
 */
public record PodCreation(boolean created, String rejected) {
    public static final PodCreation CREATED = new PodCreation(true, null);
    public static final PodCreation NAME_TAKEN = new PodCreation(false, null);

    public static PodCreation create(KubernetesClient client, Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
            return CREATED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return NAME_TAKEN;
            }
            if (e.getCode() == 422 || e.getCode() == 400) {
                return new PodCreation(false, pod.getMetadata().getName() + " was refused by the API server: "
                        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : e.getMessage()));
            }
            throw e;
        }
    }
}
