package io.paralleljob.operator.reconcile;

import java.time.Duration;

/**
 * Every delay after which the operator looks at a job again without an event, in one place. Each
 * covers something no watch event announces; nothing here is polling for pod progress (that comes
 * from informer events and followed log streams).
 */
public final class Requeue {
    /** The task ConfigMap exists (409) but the informer has not shown it yet. */
    public static final Duration TASK_NOT_IN_CACHE = Duration.ofSeconds(1);
    /** The final status is written: one more pass releases the pods' result finalizers. */
    public static final Duration RELEASE_PODS = Duration.ofSeconds(1);
    /** A pod name is taken (our own create not yet in the cache, or a predecessor's pod being deleted). */
    public static final Duration POD_NAME_TAKEN = Duration.ofSeconds(2);
    /** A finished pod's log could not be read; no event says when it can be. */
    public static final Duration LOG_UNREADABLE = Duration.ofSeconds(15);
    /** A predecessor's objects are being garbage-collected; their deletion events normally come first. */
    public static final Duration LEFTOVERS_COLLECTING = Duration.ofSeconds(30);
    /** Ended pods' results wait this long, at most, for a batch to fill before they are written to the ledger. */
    public static final Duration LEDGER_BATCH = Duration.ofSeconds(20);
    /** The framework's retries are spent: keep trying, slowly, so a job never sticks for want of an event. */
    public static final Duration AFTER_RETRIES_SPENT = Duration.ofSeconds(30);

    private Requeue() {
    }

    /**
     * When spec.activeDeadlineSeconds runs out: the only change that comes without an event.
     * Saturates at the spec's maximum: the framework turns this into milliseconds, which
     * overflows a long for a deadline of 2^63-1 seconds (the validator refuses one, but an old CRD
     * or a hand-edited task must not turn into ArithmeticException on every reconciliation).
     */
    public static Duration deadline(long secondsLeft) {
        return Duration.ofSeconds(Math.min(Math.max(1, secondsLeft), io.paralleljob.api.Limits.MAX_SECONDS));
    }
}
