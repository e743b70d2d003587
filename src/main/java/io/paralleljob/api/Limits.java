package io.paralleljob.api;

/**
 * The bounds a ParallelJob must keep. They are written into the CRD (so the API server refuses a
 * job outside them at {@code kubectl apply}) and the validator checks the same numbers (an old
 * CRD may be installed): one definition for both.
 */
public final class Limits {
    /** Items in one job: a typo (an extra zero) must not become a runaway job. */
    public static final int MAX_ITEMS = 1_000_000;
    public static final int MAX_PARALLELISM = 10_000;
    /** Both spec.retries and spec.backoffLimit. */
    public static final int MAX_RETRIES = 100;
    /** Pod names ("NAME-probe-12") and label values (at most 63 characters) derive from the job's name. */
    public static final int MAX_NAME_LENGTH = 50;
    /**
     * activeDeadlineSeconds and itemTimeoutSeconds: ten years. In nanoseconds that is 3.2e17, far
     * from overflowing a long, so no duration arithmetic on them can overflow.
     */
    public static final long MAX_SECONDS = 10L * 365 * 24 * 3600;
    /**
     * range.start and range.end stay within +-10^15: end - start and start + index cannot overflow
     * a long, and every value is exact in a double (JSON tools read numbers as doubles).
     */
    public static final long MAX_RANGE_BOUND = 1_000_000_000_000_000L;
    /** PATH_MAX on Linux. */
    public static final int MAX_PATH_LENGTH = 4096;

    private Limits() {
    }
}
