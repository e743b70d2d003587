package io.paralleljob.operator.reconcile;

/** One step of a reconciliation: reads and extends the {@link JobState}, and says what happens next. */
interface ReconcileStep {
    ReconcileProgress run(JobState state);
}
