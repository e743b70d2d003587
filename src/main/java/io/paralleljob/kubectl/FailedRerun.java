package io.paralleljob.kubectl;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import java.io.PrintStream;

/**
 * {@code rerun NAME}: a new ParallelJob that runs again exactly the items NAME did not finish
 * well (spec.itemsFrom.failedOf), with NAME's template and settings; the operator resolves the
 * items from NAME's ledger when the rerun starts, and keeps their original indexes.
 */
final class FailedRerun {
    private final KubernetesClient client;
    private final String namespace;
    private final PrintStream out;
    private final PrintStream err;

    FailedRerun(KubernetesClient client, String namespace, PrintStream out, PrintStream err) {
        this.client = client;
        this.namespace = namespace;
        this.out = out;
        this.err = err;
    }

    int create(String name, String newName) {
        var jobs = client.resources(ParallelJob.class).inNamespace(namespace);
        ParallelJob earlier = jobs.withName(name).get();
        if (earlier == null) {
            err.println("error: no ParallelJob " + name + " in namespace " + namespace);
            return PluginCommand.EXIT_FAILED;
        }
        String phase = earlier.getStatus() == null ? null : earlier.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            err.println("error: " + name + " is " + (phase == null ? "not started" : phase)
                    + "; rerun it once it has finished");
            return PluginCommand.EXIT_FAILED;
        }
        if ("Succeeded".equals(phase)) {
            out.println(name + " succeeded: every item finished well, nothing to rerun");
            return PluginCommand.EXIT_OK;
        }
        String rerunName = newName;
        for (int n = 1; rerunName == null; n++) {
            String candidate = name + "-rerun-" + n;
            if (jobs.withName(candidate).get() == null) {
                rerunName = candidate;
            }
        }
        // The earlier spec, minus its work list: the rerun's items are the earlier job's failures.
        ParallelJobSpec spec = Serialization.clone(earlier.getSpec());
        spec.setItems(null);
        spec.setRange(null);
        ItemsFrom from = new ItemsFrom();
        from.setFailedOf(name);
        spec.setItemsFrom(from);
        ParallelJob rerun = new ParallelJob();
        rerun.setMetadata(new ObjectMetaBuilder().withName(rerunName).withNamespace(namespace)
                .withLabels(earlier.getMetadata().getLabels()).build());
        rerun.setSpec(spec);
        jobs.resource(rerun).create();
        out.println("paralleljob/" + rerunName + " created: it runs the items " + name + " did not finish well"
                + (earlier.getStatus().getFailedIndexes() == null ? "" : " (" + earlier.getStatus().getFailedIndexes()
                        + ")") + "; kubectl paralleljob results " + rerunName + " -n " + namespace
                + " shows every item's latest outcome");
        return PluginCommand.EXIT_OK;
    }
}
