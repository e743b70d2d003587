package io.paralleljob.operator.reconcile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.model.ReportLine;
import io.paralleljob.operator.pods.TaskConfigMap;

/**
 * Whether a started job's spec was edited where an edit cannot take effect: every field but the
 * ones that steer a run (suspend, ttlSecondsAfterFinished) is compared with the spec frozen in the
 * task ConfigMap. The API server's CEL rule refuses such edits; this catches them where that rule
 * is not installed (an older CRD), and says so in condition SpecChangeRejected.
 */
final class SpecEdits {
    private SpecEdits() {
    }

    /** Why the edit is not applied, or null when the spec still is the one the job started with. */
    static String rejected(JobState s) {
        Long generation = s.job.getMetadata().getGeneration();
        long frozen = TaskConfigMap.frozenGeneration(s.task);
        // Same generation, same spec: the comparison below is only for a job that was edited.
        if (generation == null || frozen <= 0 || generation == frozen || s.frozen == null
                || frozenPart(s.job.getSpec()).equals(frozenPart(s.frozen))) {
            return null;
        }
        return "spec changed after the job started (generation " + frozen + " -> " + generation + "); the running "
                + "job keeps the spec it started with (only suspend and ttlSecondsAfterFinished can change). Delete "
                + "and re-create the job to run the new spec.";
    }

    private static ObjectNode frozenPart(ParallelJobSpec spec) {
        ObjectNode node = ReportLine.JSON.valueToTree(spec);
        ParallelJobSpec.EDITABLE_AFTER_START.forEach(node::remove);
        return node;
    }
}
