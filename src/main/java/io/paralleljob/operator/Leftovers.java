package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pods and ConfigMaps that carry a job's name label but are not this job's: an earlier job of the
 * same name left them. They hold the names this job needs (NAME-task, NAME-0-0...), so it starts
 * only once they are gone. A predecessor's, being garbage-collected, go by themselves (their
 * deletion is an event for this job); orphans (`kubectl delete --cascade=orphan`) need a person,
 * and the job says so. Checked before the job starts, so its deadline clock does not run meanwhile.
 */
final class Leftovers {
    static final String CONDITION = "LeftoversBlockStart";

    private final List<HasMetadata> beingCollected = new ArrayList<>();
    private final List<HasMetadata> orphans = new ArrayList<>();

    Leftovers(ParallelJob job, List<Pod> pods, List<ConfigMap> configMaps) {
        List<HasMetadata> all = new ArrayList<>(pods);
        all.addAll(configMaps);
        for (HasMetadata r : all) {
            if (Owner.owns(job, r)) {
                continue;
            }
            var meta = r.getMetadata();
            boolean ownedByAJob = meta.getOwnerReferences() != null
                    && meta.getOwnerReferences().stream().anyMatch(o -> ParallelJob.KIND.equals(o.getKind()));
            if (meta.getDeletionTimestamp() != null || ownedByAJob) {
                beingCollected.add(r);
            } else {
                orphans.add(r);
            }
        }
    }

    boolean none() {
        return beingCollected.isEmpty() && orphans.isEmpty();
    }

    /** Waits for a predecessor's leftovers, or reports orphans; either way the job does not start yet. */
    UpdateControl<ParallelJob> report(ParallelJob job, OperatorContext op, KubernetesClient client) {
        if (orphans.isEmpty()) {
            // Their deletion events wake this job; the timer only covers a garbage collector that is stuck.
            return UpdateControl.<ParallelJob>noUpdate().rescheduleAfter(Duration.ofSeconds(30));
        }
        // Their results have nowhere to go now: drop the result finalizer so that they can be deleted.
        new PodCleanup(client).release(orphans.stream().filter(Pod.class::isInstance).map(Pod.class::cast).toList(), false);
        String name = job.getMetadata().getName();
        String message = orphans.size() + " object(s) labelled " + Labels.JOB + "=" + name + " belong to no job ("
                + String.join(", ", orphans.stream().map(r -> r.getKind().toLowerCase() + "/" + r.getMetadata().getName())
                        .limit(5).toList()) + (orphans.size() > 5 ? ", ..." : "")
                + "), left by an earlier job of this name deleted with --cascade=orphan. They hold names this job needs; "
                + "it starts once they are deleted: kubectl delete pods,configmaps -n " + job.getMetadata().getNamespace()
                + " -l " + Labels.JOB + "=" + name;
        ParallelJobStatus previous = op.statuses().latest(job);
        ParallelJobStatus st = new ParallelJobStatus();
        st.setObservedGeneration(job.getMetadata().getGeneration());
        st.setPhase(Phase.Pending.name());
        // Only this condition carries over (with its lastTransitionTime): nothing else applies to a job not started.
        var kept = previous == null ? null
                : previous.getConditions().stream().filter(c -> CONDITION.equals(c.getType())).toList();
        st.setConditions(new Conditions(kept, Instant.now()).set(CONDITION, true, "OrphanedByEarlierJob", message).toList());
        op.metrics().phase(job.getMetadata().getNamespace() + "/" + name, st.getPhase());
        if (StatusUpdates.sameIgnoringDuration(previous, st)) {
            return UpdateControl.noUpdate();
        }
        op.events().warning(job, CONDITION, message);
        op.statuses().write(client, job, st);
        return UpdateControl.noUpdate();
    }
}
