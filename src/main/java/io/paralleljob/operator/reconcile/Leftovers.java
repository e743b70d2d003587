package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.Words;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Pods and ConfigMaps that carry a job's name label but are not this job's: an earlier job of the
 * same name left them. They hold the names this job needs (NAME-task, NAME-0-0...), so it starts
 * only once they are gone. A predecessor's, being garbage-collected, go by themselves (their
 * deletion is an event for this job); orphans (`kubectl delete --cascade=orphan`) need a person,
 * and the job says so. Checked before the job starts, so its deadline clock does not run meanwhile.
 */
final class Leftovers {
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

    boolean hasOrphans() {
        return !orphans.isEmpty();
    }

    List<Pod> orphanPods() {
        return orphans.stream().filter(Pod.class::isInstance).map(Pod.class::cast).toList();
    }

    /** What the LeftoversBlockStart condition and event say: which objects, and the command that removes them. */
    String message(ParallelJob job) {
        String name = job.getMetadata().getName();
        return Words.count(orphans.size(), "object") + " labelled " + Labels.JOB + "=" + name
                + (orphans.size() == 1 ? " belongs" : " belong") + " to no job ("
                + String.join(", ", orphans.stream().map(r -> r.getKind().toLowerCase(Locale.ROOT) + "/" + r.getMetadata().getName())
                        .limit(5).toList()) + (orphans.size() > 5 ? ", ..." : "")
                + "), left by an earlier job of this name deleted with --cascade=orphan. They hold names this job needs; "
                + "it starts once they are deleted: kubectl delete pods,configmaps -n " + job.getMetadata().getNamespace()
                + " -l " + Labels.JOB + "=" + name;
    }
}
