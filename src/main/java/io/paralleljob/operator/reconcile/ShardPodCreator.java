package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.Words;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.OperatorContext;
import io.paralleljob.operator.pods.PodCreation;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.pods.SlowStart;
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

    /** A pod to create, with the shard it is for. */
    private record Planned(ShardView shard, Pod pod) {
    }

    /**
     * Creates a pod for every unfinished shard that has none running, in slow-start batches
     * ({@link SlowStart}). What was created before a failure is recorded before the failure is
     * thrown, so the framework's retry does not ask for those pods again.
     */
    Outcome createMissing() {
        String uid = job.getMetadata().getUid();
        op.expectations().observed(uid, state.pods);
        List<Planned> planned = plan(uid);
        List<SlowStart.Outcome<PodCreation>> outcomes;
        try {
            outcomes = SlowStart.run(planned, p -> PodCreation.create(client, p.pod()),
                    r -> r.rejected() == null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating worker pods", e);
        }
        boolean nameTaken = false;
        List<String> created = new ArrayList<>();
        RuntimeException failed = null;
        String rejected = null;
        for (int i = 0; i < outcomes.size(); i++) {
            var outcome = outcomes.get(i);
            Planned p = planned.get(i);
            if (outcome.error() != null) {
                failed = failed == null ? outcome.error() : failed;
            } else if (outcome.value() == PodCreation.NAME_TAKEN) {
                nameTaken = true;
            } else if (outcome.value().rejected() != null) {
                rejected = rejected == null ? outcome.value().rejected() : rejected;
            } else {
                recordCreated(uid, p, created);
            }
        }
        if (!created.isEmpty()) {
            // One event per pass: a 100-pod job tells its story in one line, not a hundred.
            op.events().normal(client, job, "CreatedPods", "created " + created.size() + " worker pod"
                    + (created.size() == 1 ? " " : "s ") + abbreviate(created));
        }
        if (failed != null) {
            throw failed;
        }
        return new Outcome(nameTaken, rejected);
    }

    /** The pods missing now, built in shard order. */
    private List<Planned> plan(String uid) {
        JobObservation seen = state.seen;
        List<Planned> planned = new ArrayList<>();
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
            planned.add(new Planned(shard, pod));
        }
        return planned;
    }

    private void recordCreated(String uid, Planned p, List<String> created) {
        op.expectations().created(uid, p.pod().getMetadata().getName());
        op.metrics().podCreated();
        Pod previous = p.shard().last();
        if (previous == null || io.paralleljob.operator.pods.SuspendedPods.stoppedBySuspension(previous)) {
            created.add(p.pod().getMetadata().getName());
        } else {
            op.events().warning(client, job, "ShardFailed", "worker pod " + previous.getMetadata().getName()
                    + " ended before finishing its items (" + PodState.describeFailure(previous) + "); "
                    + p.shard().done().size() + "/" + Words.count(p.shard().assigned().size(), "item") + " kept, created "
                    + p.pod().getMetadata().getName() + " for the rest");
        }
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
