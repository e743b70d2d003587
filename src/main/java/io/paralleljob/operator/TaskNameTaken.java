package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Phase;
import java.time.Instant;

/** A job whose task ConfigMap name (NAME-task) is held by a ConfigMap that is not its own. */
final class TaskNameTaken {
    static final String CONDITION = "TaskConfigMapTaken";

    private TaskNameTaken() {
    }

    /**
     * The job cannot start: its task ConfigMap's name is held by one that is not its own. A
     * predecessor's, still being garbage-collected, goes away by itself (its deletion is an event for
     * this job); any other (left by `kubectl delete --cascade=orphan`) needs a person.
     */
    static UpdateControl<ParallelJob> report(ParallelJob job, ConfigMap taken,
            OperatorContext op, KubernetesClient client) {
        var meta = taken.getMetadata();
        boolean goingAway = meta.getDeletionTimestamp() != null || meta.getOwnerReferences() != null
                && meta.getOwnerReferences().stream().anyMatch(o -> ParallelJob.KIND.equals(o.getKind()));
        if (goingAway) {
            return UpdateControl.noUpdate();
        }
        String message = "ConfigMap " + meta.getName() + " exists and is not this job's (an earlier job of this name "
                + "deleted with --cascade=orphan leaves its ConfigMap behind); this job starts once it is deleted: "
                + "kubectl delete configmap -n " + meta.getNamespace() + " " + meta.getName();
        ParallelJobStatus previous = op.statuses().latest(job);
        ParallelJobStatus st = new ParallelJobStatus();
        st.setObservedGeneration(job.getMetadata().getGeneration());
        st.setPhase(Phase.Pending.name());
        st.setConditions(new Conditions(previous == null ? null : previous.getConditions(), Instant.now())
                .set(CONDITION, true, "NotOwnedByThisJob", message).toList());
        if (StatusUpdates.sameIgnoringDuration(previous, st)) {
            return UpdateControl.noUpdate();
        }
        op.events().warning(job, CONDITION, message);
        op.statuses().write(client, job, st);
        return UpdateControl.noUpdate();
    }
}
