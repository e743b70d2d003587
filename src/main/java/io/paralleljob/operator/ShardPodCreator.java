package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.ShardPlan;
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

    /** Which items the worker runs (see WorkerArgs) and with how many threads. */
    private static List<String> workerArgs(JobObservation seen, ShardView shard, JobPlan plan) {
        List<String> args = new ArrayList<>();
        if (shard.key().equals(Labels.PROBE_SHARD)) {
            // --threads 0: the pod uses as many threads as it has CPUs, so CPU-bound items do not queue.
            args.addAll(List.of("--only", IndexRanges.format(shard.assigned()), "--threads", "0"));
        } else {
            ShardPlan shards = seen.shardPlan;
            args.addAll(List.of("--shard", shard.key(), "--shards", Integer.toString(shards.shards()),
                    "--threads", Integer.toString(shards.threads())));
            if (!shards.excluded().isEmpty()) {
                args.addAll(List.of("--exclude", IndexRanges.format(shards.excluded())));
            }
        }
        if (!shard.done().isEmpty()) {
            args.addAll(List.of("--done-positions", IndexRanges.format(shard.donePositions())));
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
