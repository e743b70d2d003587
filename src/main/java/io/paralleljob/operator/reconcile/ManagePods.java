package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.operator.pods.PodCleanup;

/**
 * Makes the pods match the observation: stops them when the job failed as a whole, otherwise
 * stops Auto's Threads pod once the job switched to Pods, and starts every shard's missing pod
 * (first pods and replacements of failed ones).
 */
final class ManagePods implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (s.failure != null) {
            new PodCleanup(s.client(), s.op.expectations()).stop(s.seen.activePods());
            return ReconcileProgress.proceed();
        }
        if (s.seen.allDone()) {
            return ReconcileProgress.proceed();
        }
        if (s.suspended) {
            // Suspended: no pod runs. Its running pods stop; what they finished stays, the rest runs on resume.
            new io.paralleljob.operator.pods.SuspendedPods(s.client(), s.op.expectations()).stop(s.seen.activePods());
            return ReconcileProgress.proceed();
        }
        if (!s.seen.draining.isEmpty()) {
            // Auto switched to Pods: the Threads pod stops (its runner starts nothing new after SIGTERM;
            // items in flight are handed back); its end is the event that lets the Pods shards start.
            new PodCleanup(s.client(), s.op.expectations()).stop(s.seen.draining);
        }
        if (!s.seen.draining.isEmpty()) {
            // Auto switched to Pods: the Threads pod stops (its runner starts nothing new after SIGTERM;
            // items in flight are handed back); its end is the event that lets the Pods shards start.
            new PodCleanup(s.client(), s.op.expectations()).stop(s.seen.draining);
        }
        ShardPodCreator.Outcome created = new ShardPodCreator(s).createMissing();
        if (created.rejected() != null) {
            s.failure = new JobSnapshot.JobFailure("PodRejected", created.rejected());
            new PodCleanup(s.client(), s.op.expectations()).stop(s.seen.activePods());
            return ReconcileProgress.proceed();
        }
        // A taken name resolves itself (the informer shows our pod, or the old one is deleted): look again soon.
        return created.nameTaken() ? ReconcileProgress.proceedAndRequeue(Requeue.POD_NAME_TAKEN)
                : ReconcileProgress.proceed();
    }
}
