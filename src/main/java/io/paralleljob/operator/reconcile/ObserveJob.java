package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.model.Words;
import io.paralleljob.operator.pods.PodState;
import java.time.Duration;
import java.time.Instant;

/**
 * Works out where the job stands, without any API call: its shards and results from the pods
 * and their reports, under the strategy known so far, and whether the job has failed as a whole
 * (backoff limit spent, deadline passed).
 */
final class ObserveJob implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        var previous = s.job.getStatus();
        s.seen = new JobObservation(s.plan, s.pods, s.reports, s.ledger.runs(), s.unreadable,
                previous == null ? null : previous.getDecision());
        s.deadlineLeft = deadlineLeft(s);
        if (s.seen.allDone()) {
            return ReconcileProgress.proceed();
        }
        var cannotStart = s.seen.runs.values().stream().filter(io.paralleljob.model.ItemRun::commandCannotStart)
                .findFirst();
        if (cannotStart.isPresent()) {
            // The runner stopped after it; a replacement pod would fail the same way.
            s.failure = JobSnapshot.JobFailure.commandCannotStart(cannotStart.get(),
                    s.frozen.getTemplate() == null ? null : s.frozen.getTemplate().getImage());
        } else if (runnerCannotStart(s) != null) {
            s.failure = runnerCannotStart(s);
        } else if (s.seen.failedPods.size() > s.plan.backoffLimit()) {
            Pod last = s.seen.failedPods.get(s.seen.failedPods.size() - 1);
            s.failure = new JobSnapshot.JobFailure("BackoffLimitExceeded", Words.count(s.seen.failedPods.size(),
                    "worker pod") + " failed (backoffLimit " + s.plan.backoffLimit() + "); last: "
                    + last.getMetadata().getName() + ": " + PodState.describeFailure(last));
        } else if (s.deadlineLeft != null && s.deadlineLeft <= 0) {
            s.failure = new JobSnapshot.JobFailure("DeadlineExceeded",
                    "the job ran longer than activeDeadlineSeconds=" + s.plan.activeDeadlineSeconds());
        } else if (s.deadlineLeft != null) {
            return ReconcileProgress.proceedAndRequeue(Requeue.deadline(s.deadlineLeft));
        }
        return ReconcileProgress.proceed();
    }

    /** RunnerFailed when a worker pod's runtime could not start the runner: no replacement would fare better. */
    private static JobSnapshot.JobFailure runnerCannotStart(JobState s) {
        for (Pod pod : s.seen.failedPods) {
            String why = PodState.runnerCannotStart(pod);
            if (why != null) {
                String image = s.frozen.getTemplate() == null ? null : s.frozen.getTemplate().getImage();
                return new JobSnapshot.JobFailure("RunnerFailed", "worker pod " + pod.getMetadata().getName()
                        + " could not start the runner in image " + image + ": " + why + ". The runner brings its "
                        + "own libc and loader, so the image's libc (glibc, musl or none) does not matter; check that "
                        + "the node's CPU architecture is the runner image's and that the init container copied it");
            }
        }
        return null;
    }

    /** When the job started: its task ConfigMap was created (the first thing the operator does for it). */
    static Instant startedAt(JobState s) {
        String created = s.task.getMetadata().getCreationTimestamp() != null
                ? s.task.getMetadata().getCreationTimestamp() : s.job.getMetadata().getCreationTimestamp();
        return created == null ? null : Instant.parse(created);
    }

    /** Seconds left before spec.activeDeadlineSeconds, counted from when the job started. */
    private static Long deadlineLeft(JobState s) {
        if (s.plan.activeDeadlineSeconds() == null) {
            return null;
        }
        Instant start = startedAt(s);
        // Never negative: a start "in the future" (the API server's clock ahead of ours) must
        // neither lengthen the deadline nor overflow it.
        long elapsed = Math.max(0, Duration.between(start == null ? s.now : start, s.now).toSeconds());
        return s.plan.activeDeadlineSeconds() - elapsed;
    }
}
