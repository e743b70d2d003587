package io.paralleljob.kubectl;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import java.io.PrintStream;

/** {@code get NAME}: what a user asks first of a job, in a few lines, from its status. */
final class JobSummary {
    private final KubernetesClient client;
    private final String namespace;
    private final PrintStream out;
    private final PrintStream err;

    JobSummary(KubernetesClient client, String namespace, PrintStream out, PrintStream err) {
        this.client = client;
        this.namespace = namespace;
        this.out = out;
        this.err = err;
    }

    int print(String name) {
        ParallelJob job = client.resources(ParallelJob.class).inNamespace(namespace).withName(name).get();
        if (job == null) {
            err.println("error: no ParallelJob " + name + " in namespace " + namespace);
            return PluginCommand.EXIT_FAILED;
        }
        ParallelJobStatus st = job.getStatus();
        out.println("Name:        " + namespace + "/" + name);
        if (st == null) {
            out.println("Phase:       (no status yet: the operator has not seen the job)");
            return PluginCommand.EXIT_OK;
        }
        out.println("Phase:       " + st.getPhase() + (st.getStrategy() == null ? "" : " (" + st.getStrategy() + ")"));
        if (st.getItems() != null) {
            out.println("Items:       " + st.getItems().getSucceeded() + " succeeded, " + st.getItems().getFailed()
                    + " failed of " + st.getItems().getTotal());
        }
        line("Duration:    ", st.getDuration());
        if (st.getTiming() != null) {
            out.printf("Speed-up:    %.2f (wall %d ms, items one at a time %d ms, CPU %d ms)%n",
                    st.getTiming().getSpeedup(), st.getTiming().getWallMillis(), st.getTiming().getSerialMillis(),
                    st.getTiming().getCpuMillis());
        }
        line("Failed:      ", st.getFailedIndexes());
        if (st.getResultsRef() != null) {
            line("Results:     ", st.getResultsRef().getCommand() == null ? st.getResultsRef().getLocation()
                    : st.getResultsRef().getCommand());
        }
        if (st.getConditions() != null) {
            for (Condition c : st.getConditions()) {
                out.println("Condition:   " + c.getType() + "=" + c.getStatus()
                        + (c.getReason() == null ? "" : " " + c.getReason())
                        + (c.getMessage() == null ? "" : ": " + PluginCommand.firstLine(c.getMessage())));
            }
        }
        return PluginCommand.EXIT_OK;
    }

    private void line(String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.println(label + value);
        }
    }
}
