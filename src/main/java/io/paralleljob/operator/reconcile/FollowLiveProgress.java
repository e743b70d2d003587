package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.model.ItemRun;
import java.util.List;

/**
 * While pods run, follows their log streams so status shows items as they finish; a followed
 * line is an event that brings the job back here. Stops following once the job is finished.
 */
final class FollowLiveProgress implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (s.finished()) {
            s.op.progress().forget(s.id());
            return ReconcileProgress.proceed();
        }
        // Pods with a single item report when they end anyway: following them would add nothing.
        List<Pod> running = s.seen.shards.stream()
                .filter(sh -> sh.assigned().size() - sh.done().size() > 1 && sh.active() != null)
                .map(ShardView::active)
                .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).toList();
        for (ItemRun live : s.op.progress().update(s.client(), s.id(), running)) {
            if (!s.seen.runs.containsKey(live.index())) {
                s.liveRuns.add(live); // shown while the pod runs; its log, read when it ends, replaces it
            }
        }
        return ReconcileProgress.proceed();
    }
}
