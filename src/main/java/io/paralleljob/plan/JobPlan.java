package io.paralleljob.plan;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.paralleljob.api.Workload;
import io.paralleljob.model.Delivery;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.model.PodTask;
import java.util.List;
import java.util.Map;

/** A validated ParallelJob spec with its defaults applied: everything a backend needs to run it. */
public record JobPlan(
        String name,
        Workload workload,
        int parallelism,
        WorkItems items,
        List<String> argv,
        List<EnvVar> env,
        String workingDir,
        int retries,
        int backoffLimit,
        Long activeDeadlineSeconds,
        Long itemTimeoutSeconds,
        List<Integer> runOnly,
        Delivery delivery) {

    public JobPlan {
        delivery = delivery == null ? Delivery.PerItem : delivery;
    }

    /** A PerItem plan. */
    public JobPlan(String name, Workload workload, int parallelism, WorkItems items, List<String> argv, List<EnvVar> env,
            String workingDir, int retries, int backoffLimit, Long activeDeadlineSeconds, Long itemTimeoutSeconds,
            List<Integer> runOnly) {
        this(name, workload, parallelism, items, argv, env, workingDir, retries, backoffLimit, activeDeadlineSeconds,
                itemTimeoutSeconds, runOnly, Delivery.PerItem);
    }

    /** A plan that runs every item. */
    public JobPlan(String name, Workload workload, int parallelism, WorkItems items, List<String> argv, List<EnvVar> env,
            String workingDir, int retries, int backoffLimit, Long activeDeadlineSeconds, Long itemTimeoutSeconds) {
        this(name, workload, parallelism, items, argv, env, workingDir, retries, backoffLimit, activeDeadlineSeconds,
                itemTimeoutSeconds, null);
    }

    /**
     * How many items this job runs: all of them, or for a rerun only those of {@link #runOnly}
     * (which keep their indexes in the whole list).
     */
    public int runCount() {
        return runOnly == null ? items.size() : runOnly.size();
    }

    /** True for an item this job runs. */
    public boolean runs(int index) {
        return runOnly == null ? index >= 0 && index < items.size()
                : java.util.Collections.binarySearch(runOnly, index) >= 0;
    }

    public static final int DEFAULT_PARALLELISM = 4;
    public static final int DEFAULT_RETRIES = 0;
    public static final int DEFAULT_BACKOFF_LIMIT = 3;

    /**
     * The job-wide task file every runner of the job reads.
     *
     * @param literalEnv the items' environment when no container carries it (local mode); null for pods
     */
    public PodTask task(Map<String, String> literalEnv) {
        return new PodTask(argv, workingDir, retries, items.explicit(), items.rangeStart(), items.size(),
                itemTimeoutSeconds, literalEnv, runOnly == null ? null : IndexRanges.format(runOnly),
                delivery == Delivery.Stream ? delivery.name() : null);
    }
}
