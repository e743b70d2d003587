package io.paralleljob.operator.reconcile;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.operator.OperatorContext;
import java.util.List;

/**
 * One reconciliation of one job, as a fixed list of steps run in order until one says it is done.
 * Each step returns a {@link ReconcileProgress}; the soonest requeue any step asked for is the
 * one the framework gets. Status reaches the API server through the steps' own writes (the
 * framework's update-and-cache path), so the framework is never asked to patch the job.
 */
public final class JobReconciliation {
    private static final List<ReconcileStep> STEPS = List.of(
            new RestoreFinishedStatus(), // recorded as finished, status says otherwise: put it back, stop
            new EndPodGroup(),          // finished in a Kueue pod group: tell Kueue no pod will be retried
            new ExpireFinishedJob(),    // finished: delete the job once ttlSecondsAfterFinished is up
            new ReleaseFinishedJob(),   // finished: let go of the pods, stop
            new ValidateSpec(),         // the plan, from the frozen spec (or the live one before the start)
            new WaitForLeftovers(),     // before the start: an earlier job's objects hold our names
            new SuspendJob(),           // suspended before the start: do not start
            new CreateTaskConfigMap(),  // the start: freeze the spec
            new ReadPodReports(),       // the only log reads: ended pods' reports
            new ObserveJob(),           // pure: shards, results, job-level failure
            new RecordResults(),        // ended pods' results into the ledger, in batches; then let the pods go
            new FollowLiveProgress(),   // follow running pods' logs: live progress, Auto's evidence
            new DecideAuto(),           // Auto: decide from the first finished items, switch if CPU-bound
            new ManagePods(),           // create missing pods, stop what must stop
            new WriteStatus());         // build status once, write it if it changed, tell events

    private JobReconciliation() {
    }

    public static UpdateControl<ParallelJob> run(ParallelJob job, Context<ParallelJob> context, OperatorContext op) {
        JobState state = new JobState(job, context, op);
        ReconcileProgress progress = ReconcileProgress.proceed();
        for (ReconcileStep step : STEPS) {
            ReconcileProgress p = step.run(state);
            progress = p.after(progress);
            if (!p.proceeding()) {
                break;
            }
        }
        UpdateControl<ParallelJob> control = UpdateControl.noUpdate();
        return progress.requeueAfter() == null ? control : control.rescheduleAfter(progress.requeueAfter());
    }
}
