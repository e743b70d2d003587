package io.paralleljob.kubectl;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;

/**
 * {@code logs NAME}: the worker container's log of each of the job's pods that still exists, as
 * {@code kubectl logs --prefix} shows them. Pods whose results are recorded are let go, and their
 * logs with them: what they ran is in the results ledger, which the message points to.
 */
final class WorkerLogs {
    private static final String JOB_LABEL = "paralleljob.io/job";
    private static final String WORKER = "worker";

    private final KubernetesClient client;
    private final String namespace;
    private final PrintStream out;
    private final PrintStream err;

    WorkerLogs(KubernetesClient client, String namespace, PrintStream out, PrintStream err) {
        this.client = client;
        this.namespace = namespace;
        this.out = out;
        this.err = err;
    }

    int print(String name, Integer tail) {
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel(JOB_LABEL, name).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
        if (pods.isEmpty()) {
            err.println("no worker pods of " + name + " in namespace " + namespace + " (finished pods are let go once "
                    + "their results are recorded): kubectl paralleljob results " + name + " -n " + namespace);
            return PluginCommand.EXIT_OK;
        }
        int unreadable = 0;
        for (Pod pod : pods) {
            String podName = pod.getMetadata().getName();
            try {
                var log = client.pods().inNamespace(namespace).withName(podName).inContainer(WORKER);
                String text = tail == null ? log.getLog() : log.tailingLines(tail).getLog();
                if (text != null) {
                    text.lines().forEach(l -> out.println("[" + podName + "] " + l));
                }
            } catch (KubernetesClientException e) {
                unreadable++;
                err.println("[" + podName + "] log unreadable: " + PluginCommand.firstLine(e.getMessage()));
            }
        }
        return unreadable == pods.size() ? PluginCommand.EXIT_FAILED : PluginCommand.EXIT_OK;
    }
}
