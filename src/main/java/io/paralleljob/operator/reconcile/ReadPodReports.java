package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.reports.PodReports;

/**
 * The one step that reads pods' logs: each ended pod's report, once per pod (the report cache
 * keeps it by UID). A log that cannot be read this time is noted, not fatal: that pod's shard
 * waits, and the read is retried later.
 */
final class ReadPodReports implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        s.ledger = s.op.ledger().of(s.client(), s.job);
        for (Pod pod : s.pods) {
            if (PodState.of(pod) == PodState.ACTIVE) {
                continue;
            }
            String uid = pod.getMetadata().getUid();
            try {
                s.reports.put(uid, s.op.reports().of(s.client(), pod, s.op.progress().seen(pod)));
            } catch (PodReports.UnreadableLog e) {
                s.unreadable.put(uid, e.getMessage());
            }
        }
        return s.unreadable.isEmpty() ? ReconcileProgress.proceed()
                : ReconcileProgress.proceedAndRequeue(Requeue.LOG_UNREADABLE);
    }
}
