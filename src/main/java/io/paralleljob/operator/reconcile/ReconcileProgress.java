package io.paralleljob.operator.reconcile;

import java.time.Duration;

/**
 * What a reconcile step says happens next: go on to the next step, or stop here; either way,
 * perhaps look at the job again after a while. The pipeline keeps the shortest requeue any step
 * asked for, so a step never has to know what the others need.
 */
public record ReconcileProgress(boolean proceeding, Duration requeueAfter) {
    private static final ReconcileProgress PROCEED = new ReconcileProgress(true, null);
    private static final ReconcileProgress DONE = new ReconcileProgress(false, null);

    /** Go on with the next step. */
    public static ReconcileProgress proceed() {
        return PROCEED;
    }

    /** Go on with the next step, and look again by then (a deadline, a log to read later). */
    public static ReconcileProgress proceedAndRequeue(Duration after) {
        return new ReconcileProgress(true, after);
    }

    /** Nothing more to do now; the next event brings the job back. */
    public static ReconcileProgress done() {
        return DONE;
    }

    /** Nothing more to do now; look again after a while even without an event. */
    public static ReconcileProgress doneAndRequeue(Duration after) {
        return new ReconcileProgress(false, after);
    }

    /** This step's requeue combined with what earlier steps asked for: the sooner wins. */
    ReconcileProgress after(ReconcileProgress earlier) {
        Duration a = earlier.requeueAfter;
        Duration b = requeueAfter;
        Duration sooner = a == null ? b : b == null ? a : a.compareTo(b) <= 0 ? a : b;
        return new ReconcileProgress(proceeding, sooner);
    }
}
