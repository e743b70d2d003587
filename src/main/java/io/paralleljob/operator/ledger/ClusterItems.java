package io.paralleljob.operator.ledger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ConfigMapItems;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.Owner;
import io.paralleljob.operator.pods.TaskConfigMap;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.ItemLines;
import io.paralleljob.plan.ItemSource;
import io.paralleljob.plan.ResolvedItems;
import io.paralleljob.plan.WorkItems;
import java.util.ArrayList;
import java.util.List;

/**
 * spec.itemsFrom for a job that has not started: a ConfigMap key's lines, or the items an earlier
 * job did not finish well. Read once, before the start: the job then freezes them in its task
 * ConfigMap and never reads the source again.
 */
public final class ClusterItems implements ItemSource {
    private final KubernetesClient client;
    private final String namespace;

    public ClusterItems(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public ResolvedItems resolve(ItemsFrom from) {
        if (from.getFile() != null) {
            throw new InvalidSpecException("spec.itemsFrom.file", "reads a file on the machine that runs the job, "
                    + "which only local mode (run FILE) has; in a cluster put the items in a ConfigMap and use "
                    + "itemsFrom.configMapKeyRef");
        }
        return from.getConfigMapKeyRef() != null ? fromConfigMap(from.getConfigMapKeyRef())
                : failedOf(from.getFailedOf());
    }

    private ResolvedItems fromConfigMap(ConfigMapItems ref) {
        ConfigMap cm = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
        String where = "ConfigMap " + ref.getName() + " in namespace " + namespace;
        if (cm == null) {
            throw new ItemsUnavailableException("spec.itemsFrom.configMapKeyRef: " + where + " does not exist; "
                    + "create it (the job is tried again with backoff)");
        }
        String text = cm.getData() == null ? null : cm.getData().get(ref.getKey());
        if (text == null) {
            throw new ItemsUnavailableException("spec.itemsFrom.configMapKeyRef: " + where + " has no key '"
                    + ref.getKey() + "' (it has " + (cm.getData() == null ? "no data" : cm.getData().keySet()) + ")");
        }
        try {
            return ResolvedItems.all(WorkItems.of(ItemLines.parse(text, "spec.itemsFrom.configMapKeyRef",
                    where + " key " + ref.getKey())));
        } catch (InvalidSpecException empty) {
            throw new ItemsUnavailableException(empty.getMessage()); // an edit of the ConfigMap fixes it
        }
    }

    /**
     * The earlier job's items, to run those that failed or never finished there. Its list comes
     * from its own task ConfigMap (what it really ran), its outcomes from its ledger.
     */
    private ResolvedItems failedOf(String name) {
        String field = "spec.itemsFrom.failedOf";
        ParallelJob earlier = client.resources(ParallelJob.class).inNamespace(namespace).withName(name).get();
        if (earlier == null) {
            throw new ItemsUnavailableException(field + ": no ParallelJob " + name + " in namespace " + namespace);
        }
        String phase = earlier.getStatus() == null ? null : earlier.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            throw new ItemsUnavailableException(field + ": ParallelJob " + name + " is " + (phase == null ? "not started"
                    : phase) + "; a rerun starts once it has finished");
        }
        ConfigMap task = client.configMaps().inNamespace(namespace).withName(Labels.taskConfigMapName(name)).get();
        if (task == null || !Owner.owns(earlier, task)) {
            throw new InvalidSpecException(field, "ParallelJob " + name + " never started (it has no task ConfigMap): "
                    + "there is nothing to rerun");
        }
        ResolvedItems ran = TaskConfigMap.frozenItems(task).resolve(null);
        JobLedger outcomes = ResultsLedger.read(client, earlier);
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < ran.items().size(); i++) {
            boolean itRan = ran.runOnly() == null || java.util.Collections.binarySearch(ran.runOnly(), i) >= 0;
            ItemRun outcome = outcomes.runs().get(i);
            if (itRan && (outcome == null || !outcome.succeeded())) {
                again.add(i);
            }
        }
        if (again.isEmpty()) {
            throw new InvalidSpecException(field, "every item of ParallelJob " + name + " succeeded: nothing to rerun");
        }
        return new ResolvedItems(ran.items(), again);
    }
}
