package io.paralleljob.plan;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.paralleljob.api.Workload;
import java.util.List;

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
        Long itemTimeoutSeconds) {

    public static final int DEFAULT_PARALLELISM = 4;
    public static final int DEFAULT_RETRIES = 0;
    public static final int DEFAULT_BACKOFF_LIMIT = 3;

    public JobPlan withParallelism(int newParallelism) {
        return new JobPlan(name, workload, newParallelism, items, argv, env, workingDir, retries, backoffLimit,
                activeDeadlineSeconds, itemTimeoutSeconds);
    }

    public JobPlan withWorkload(Workload newWorkload) {
        return new JobPlan(name, newWorkload, parallelism, items, argv, env, workingDir, retries, backoffLimit,
                activeDeadlineSeconds, itemTimeoutSeconds);
    }
}
