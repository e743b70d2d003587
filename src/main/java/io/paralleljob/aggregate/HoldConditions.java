package io.paralleljob.aggregate;

/**
 * The conditions of a job held back from running: Suspended (spec.suspend) and Queued (a Kueue
 * pod group waiting for admission). Each is True while held; once released it turns False and
 * stays, as batch/v1 Job's Suspended does, because its lastTransitionTime is when the job was let
 * go, the moment activeDeadlineSeconds counts from again.
 */
final class HoldConditions {
    private HoldConditions() {
    }

    /** @param suspended spec.suspend, or null to leave the condition as it is (a finished job) */
    static void suspended(Conditions c, Boolean suspended) {
        if (Boolean.TRUE.equals(suspended)) {
            c.set(Conditions.SUSPENDED, true, "JobSuspended", "Job suspended: no worker pods run until "
                    + "spec.suspend is false; finished items are kept, the rest runs on resume");
        } else if (Boolean.FALSE.equals(suspended) && c.status(Conditions.SUSPENDED) != null) {
            c.set(Conditions.SUSPENDED, false, "JobResumed", "Job resumed");
        }
    }

    /** @param waiting why the pods wait (True), "" once admitted (False), or null to leave it as it is */
    static void queued(Conditions c, String waiting) {
        if (waiting == null) {
            return;
        }
        if (!waiting.isEmpty()) {
            c.set(Conditions.QUEUED, true, "WaitingForAdmission", waiting);
        } else if (c.status(Conditions.QUEUED) != null) {
            c.set(Conditions.QUEUED, false, "Admitted", "admitted by Kueue: the worker pods' scheduling gate is gone");
        }
    }
}
