package io.paralleljob.operator;

/** Names the operator stamps on what it creates, so it (and users) can find them again. */
public final class Labels {
    public static final String JOB = "paralleljob.io/job";
    public static final String SHARD = "paralleljob.io/shard";
    public static final String ATTEMPT = "paralleljob.io/attempt";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "parallel-job-operator";
    /** Kept on every worker pod until its results are in the job's final status (as the Job controller does). */
    public static final String RESULT_FINALIZER = "paralleljob.io/result-pending";
    /** On the task ConfigMap: the job generation whose spec it froze. */
    public static final String SPEC_GENERATION = "paralleljob.io/spec-generation";
    /**
     * workload Auto's first pod: every item, as Threads, until the first finished items show how
     * they spend their time. It stays the only pod for I/O-bound work.
     */
    public static final String AUTO_SHARD = "auto";
    /**
     * On the job: its final phase and counts, written before its pods are let go. Status writes
     * cannot touch metadata, so a stale status written later is recognised and undone by it.
     */
    public static final String FINAL_RECORD = "paralleljob.io/final-status";

    private Labels() {
    }

    public static String taskConfigMapName(String job) {
        return job + "-task";
    }

    /** Deterministic: a stale cache that tries to create the same pod again gets AlreadyExists, never a twin. */
    public static String podName(String job, String shard, int attempt) {
        return job + "-" + shard + "-" + attempt;
    }
}
