package io.paralleljob.results;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** No cluster to ask (no kubeconfig, or a broken one): the message is the fix, there is no cause to add. */
public final class NoClusterConfigured extends KubernetesClientException {
    private static final long serialVersionUID = 1L;

    NoClusterConfigured(String message) {
        super(message);
    }
}
