package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.Words;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.OperatorContext;
import io.paralleljob.operator.pods.PodCreation;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.RunnerArgs;
import java.util.ArrayList;
import java.util.List;

/** Starts the worker pods a job is missing: first pods of shards, and replacements of failed ones. */
final class ShardPodCreator {
    /**
     * @param nameTaken a pod name was taken (our own earlier creation not yet in the cache, or a
     *                  predecessor's pod still being deleted): worth looking again soon
     * @param rejected  why the API server refused a pod (an invalid value it checks and the CRD
     *                  does not), or null
     */
    record Outcome(boolean nameTaken, String rejected) {
    }

    private final ParallelJob job;
    private final KubernetesClient client;
    private final OperatorContext op;
    private final JobState state;

    ShardPodCreator(JobState state) {
        this.state = state;
        this.job = state.job;
        this.client = state.client();
        this.op = state.op;
    }

    /** Creates a pod for every unfinished shard that has none running. */
    Outcome createMissing() {
        JobObservation seen = state.seen;
        JobPlan plan = state.plan;
        boolean nameTaken = false;
        List<String> created = new ArrayList<>();
        String uid = job.getMetadata().getUid();
        op.expectations().observed(uid, state.pods);
        for (ShardView shard : seen.shards) {
            if (shard.complete() || shard.active() != null || seen.waitingShards.contains(shard.key())
                    || op.expectations().pending(uid, Labels.podName(job.getMetadata().getName(), shard.key(),
                            shard.nextAttempt()))) {
                continue;
            }
            List<String> args = workerArgs(seen, shard);
            Pod pod = op.pods().build(job, state.frozen, shard.key(), shard.nextAttempt(), args, state.deadlineLeft);
            String queue = state.kueueQueue();
            if (queue != null) {
                // Every shard has a pod at once: the group is the job's shards, a replacement takes a place in it.
                io.paralleljob.operator.kueue.KueuePodGroup.join(pod, job, queue, seen.shards.size());
            }
            PodCreation result = PodCreation.create(client, pod);
            if (result == PodCreation.NAME_TAKEN) {
                nameTaken = true;
            } else if (result.rejected() != null) {
                return new Outcome(nameTaken, result.rejected());
            } else {
                op.expectations().created(uid, pod.getMetadata().getName());
                op.metrics().podCreated();
                Pod previous = shard.last();
                if (previous == null || io.paralleljob.operator.pods.SuspendedPods.stoppedBySuspension(previous)) {
                    created.add(pod.getMetadata().getName());
                } else {
                    op.events().warning(client, job, "ShardFailed", "worker pod " + previous.getMetadata().getName()
                            + " ended before finishing its items (" + PodState.describeFailure(previous) + "); "
                            + shard.done().size() + "/" + Words.count(shard.assigned().size(), "item") + " kept, created "
                            + pod.getMetadata().getName() + " for the rest");
                }
            }
        }
        if (!created.isEmpty()) {
            // One event per batch: a 100-pod job tells its story in one line, not a hundred.
            op.events().normal(client, job, "CreatedPods", "created " + created.size() + " worker pod"
                    + (created.size() == 1 ? " " : "s ") + abbreviate(created));
        }
        return new Outcome(nameTaken, null);
    }

    /**
     * Which items the runner runs and with how many threads, written by RunnerArgs, which parses
     * them. Auto's Threads pod is shard 0 of a one-shard Threads plan under another name.
     */
    private static List<String> workerArgs(JobObservation seen, ShardView shard) {
        int number = shard.key().equals(Labels.AUTO_SHARD) ? 0 : Integer.parseInt(shard.key());
        List<String> args = new ArrayList<>(RunnerArgs.shard(seen.shardPlan, number));
        if (!shard.done().isEmpty()) {
            args.addAll(RunnerArgs.donePositions(shard.donePositions()));
        }
        return args;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 3 ? String.join(", ", names)
                : names.get(0) + ", " + names.get(1) + ", …, " + names.get(names.size() - 1);
    }
}
