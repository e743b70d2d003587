package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.FinalRecord;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.ledger.JobLedger;
import io.paralleljob.operator.status.FinalRecordStore;
import io.paralleljob.operator.status.StatusWriter;
import java.util.List;

/**
 * A job whose record says it finished is finished, whatever its status says now. Another writer
 * (a replica that lost its Lease, a person with kubectl) may put an older status over the final
 * one: "Running, 1/4, no results". Read as it stands, that would start every pod again, for a job
 * whose pods were already let go. Instead the final phase, counts and times come back from the
 * record and the results from the results ledger, the overwrite is told (condition
 * StatusRestored, a Warning event), and nothing runs.
 */
final class RestoreFinishedStatus implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        FinalRecord record = FinalRecordStore.read(s.job);
        if (record == null || record.matches(s.job.getStatus())) {
            return ReconcileProgress.proceed();
        }
        // The per-item results outlive the pods in the results ledger: read once here, not kept.
        JobLedger ledger = s.op.ledger().of(s.client(), s.job);
        s.op.ledger().forget(s.job);
        List<ItemRun> runs = List.copyOf(ledger.runs().values());
        ParallelJobStatus restored = StatusBuilder.after(s.job.getStatus(), s.now)
                .generation(s.job.getMetadata().getGeneration()).restoredFrom(record, runs)
                .resultsRef(runs.isEmpty() ? null : WriteStatus.resultsRef(s.job, ledger,
                        runs.size() >= record.succeeded() + record.failed()))
                .build();
        StatusWriter.write(s.context, s.job, restored);
        s.op.metrics().phase(s.key(), restored.getPhase());
        restored.getConditions().stream().filter(c -> Conditions.STATUS_RESTORED.equals(c.getType())).findFirst()
                .ifPresent(c -> s.op.events().warning(s.client(), s.job, Conditions.STATUS_RESTORED, c.getMessage()));
        // The next pass sees a finished status and lets go of whatever pods are left.
        return ReconcileProgress.doneAndRequeue(Requeue.RELEASE_PODS);
    }
}
