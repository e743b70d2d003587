package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.runner.RunnerArgs;
import java.util.ArrayList;
import java.util.List;

/** Starts the worker pods a job is missing: first pods of shards, and replacements of failed ones. */
final class ShardPodCreator {
    private final ParallelJob job;
    private final KubernetesClient client;
    private final OperatorContext op;
    private boolean nameTaken;
    private String rejected;

    ShardPodCreator(ParallelJob job, KubernetesClient client, OperatorContext op) {
        this.job = job;
        this.client = client;
        this.op = op;
    }

    /**
     * Creates a pod for every unfinished shard that has none running.
     *
     * @return true when a pod name was taken (our own earlier creation not yet in the cache, or a
     *         predecessor's pod still being deleted): worth looking again soon
     */
    boolean createMissing(JobObservation seen, ParallelJobSpec frozen, JobPlan plan, Long deadlineLeft) {
        List<String> created = new ArrayList<>();
        for (ShardView shard : seen.shards) {
            if (shard.complete() || shard.active() != null || seen.waitingShards.contains(shard.key())) {
                continue;
            }
            List<String> args = workerArgs(seen, shard, plan);
            Pod pod = op.pods().build(job, frozen, shard.key(), shard.nextAttempt(), args, deadlineLeft);
            if (create(pod)) {
                Pod previous = shard.last();
                if (previous == null) {
                    created.add(pod.getMetadata().getName());
                } else {
                    op.events().warning(job, "ShardFailed", "worker pod " + previous.getMetadata().getName()
                            + " ended before finishing its items (" + PodState.describeFailure(previous) + "); "
                            + shard.done().size() + "/" + shard.assigned().size() + " items kept, created "
                            + pod.getMetadata().getName() + " for the rest");
                }
            }
        }
        if (!created.isEmpty()) {
            // One event per batch: a 100-pod job tells its story in one line, not a hundred.
            op.events().normal(job, "CreatedPods", "created " + created.size() + " worker pod"
                    + (created.size() == 1 ? " " : "s ") + abbreviate(created));
        }
        return nameTaken;
    }

    /** Why the API server refused a pod of this job (an invalid spec it validates and we do not), or null. */
    String rejected() {
        return rejected;
    }

    /** Which items the runner runs and with how many threads, written by RunnerArgs, which parses them. */
    private static List<String> workerArgs(JobObservation seen, ShardView shard, JobPlan plan) {
        List<String> args = new ArrayList<>(shard.key().equals(Labels.PROBE_SHARD)
                ? RunnerArgs.sample(shard.assigned())
                : RunnerArgs.shard(seen.shardPlan, Integer.parseInt(shard.key())));
        if (!shard.done().isEmpty()) {
            args.addAll(RunnerArgs.donePositions(shard.donePositions()));
        }
        return args;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names)
                : names.get(0) + ", " + names.get(1) + ", …, " + names.get(names.size() - 1);
    }

    /** Creates a pod; false when it exists already (a stale cache asked twice: deterministic names make that safe). */
    private boolean create(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
            op.metrics().podCreated();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                nameTaken = true;
                return false;
            }
            if (e.getCode() == 422 || e.getCode() == 400) {
                // The API server refuses the pod as built from the spec: retrying cannot help.
                rejected = pod.getMetadata().getName() + " was refused by the API server: "
                        + (e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                        : e.getMessage());
                return false;
            }
            throw e;
        }
    }
}
