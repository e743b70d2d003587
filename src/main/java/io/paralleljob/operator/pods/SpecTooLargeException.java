package io.paralleljob.operator.pods;

import io.paralleljob.plan.InvalidSpecException;

/** A spec that cannot be stored in the job's task ConfigMap: the job cannot start as written. */
public final class SpecTooLargeException extends InvalidSpecException {
    public static final String REASON = "SpecTooLarge";

    SpecTooLargeException(long bytes, long limit, int items) {
        super(items > 0 ? "spec.items" : "spec", "the job's task ConfigMap would hold " + bytes + " bytes"
                + (items > 0 ? " (mostly its " + items + " items)" : "") + ", over the " + limit + " bytes a ConfigMap"
                + " can store (the API server refuses more than 1 MiB); use a range, shorter items, or split the"
                + " items over several jobs");
    }

    @Override
    public String reason() {
        return REASON;
    }
}
