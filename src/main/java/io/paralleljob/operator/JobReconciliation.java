package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Phase;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.SpecValidator;
import io.paralleljob.model.ItemRun;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One reconciliation of one job: observe (pods, their reports, the frozen spec), validate, act
 * (create the pods that are missing, stop pods when the job fails as a whole), then write status.
 */
final class JobReconciliation {
    private final ParallelJob job;
    private final Context<ParallelJob> ctx;
    private final KubernetesClient client;
    private final OperatorContext op;
    private final Instant now = Instant.now();

    JobReconciliation(ParallelJob job, Context<ParallelJob> ctx, OperatorContext op) {
        this.job = job;
        this.ctx = ctx;
        this.client = ctx.getClient();
        this.op = op;
    }

    UpdateControl<ParallelJob> run() {
        ParallelJobStatus previous = op.statuses().latest(job);
        List<Pod> pods = new ArrayList<>(ctx.getSecondaryResources(Pod.class).stream()
                .filter(p -> Owner.owns(job, p)).toList());
        if (previous != null && previous.getPhase() != null && Phase.valueOf(previous.getPhase()).finished()
                && !fixedAfterInvalidSpec(previous)) {
            op.reports().forgetAll(uids(pods));
            op.progress().forget(ResourceID.fromResource(job));
            new PodCleanup(client).release(pods, !op.settings().keepFinishedPods());
            return UpdateControl.noUpdate();
        }
        ConfigMap task = ctx.getSecondaryResources(ConfigMap.class).stream().filter(cm -> Owner.owns(job, cm))
                .findFirst().orElse(null);
        JobPlan plan;
        ParallelJobSpec frozen;
        if (task == null) {
            try {
                plan = SpecValidator.validate(job);
            } catch (InvalidSpecException e) {
                return StatusUpdates.invalid(job, e, op, client);
            }
            Leftovers leftovers = new Leftovers(job, List.copyOf(ctx.getSecondaryResources(Pod.class)),
                    List.copyOf(ctx.getSecondaryResources(ConfigMap.class)));
            if (!leftovers.none()) {
                return leftovers.report(job, op, client);
            }
            task = createTask(plan);
            if (task == null) {
                return UpdateControl.<ParallelJob>noUpdate().rescheduleAfter(java.time.Duration.ofSeconds(1));
            }
            frozen = job.getSpec();
        } else {
            frozen = TaskConfigMap.frozenSpec(task);
            plan = SpecValidator.validate(withSpec(frozen));
        }

        JobObservation seen = new JobObservation(plan, pods, pod -> op.reports().of(client, pod, op.progress().seen(pod)),
                previous == null ? null : previous.getDecision());
        if (seen.decidedNow) {
            op.events().normal(job, "StrategyChosen", seen.decision.getReason());
        } else if (seen.strategy != null && (previous == null || previous.getStrategy() == null)) {
            op.events().normal(job, "StrategyChosen", "workload " + plan.workload() + ": running as " + seen.strategy);
        }
        Long deadlineLeft = deadlineLeft(plan, task);
        JobSnapshot.JobFailure failure = null;
        boolean allDone = seen.allDone();
        if (!allDone && seen.failedPods.size() > plan.backoffLimit()) {
            Pod last = seen.failedPods.get(seen.failedPods.size() - 1);
            failure = new JobSnapshot.JobFailure("BackoffLimitExceeded", seen.failedPods.size()
                    + " worker pods failed (backoffLimit " + plan.backoffLimit() + "); last: "
                    + last.getMetadata().getName() + ": " + PodState.describeFailure(last));
        } else if (!allDone && deadlineLeft != null && deadlineLeft <= 0) {
            failure = new JobSnapshot.JobFailure("DeadlineExceeded",
                    "the job ran longer than activeDeadlineSeconds=" + plan.activeDeadlineSeconds());
        }
        boolean nameTaken = false;
        if (failure == null && !allDone) {
            ShardPodCreator creator = new ShardPodCreator(job, client, op);
            nameTaken = creator.createMissing(seen, frozen, plan, deadlineLeft);
            if (creator.rejected() != null) {
                failure = new JobSnapshot.JobFailure("PodRejected", creator.rejected());
                new PodCleanup(client).stop(seen.activePods());
            }
        } else if (failure != null) {
            new PodCleanup(client).stop(seen.activePods());
        }
        boolean finished = allDone || failure != null;
        List<ItemRun> runs = new ArrayList<>(seen.runs.values());
        if (finished) {
            op.progress().forget(ResourceID.fromResource(job));
        } else {
            // Pods with a single item report when they end anyway: following them would add nothing.
            List<Pod> running = seen.shards.stream()
                    .filter(sh -> sh.assigned().size() - sh.done().size() > 1 && sh.active() != null)
                    .map(ShardView::active)
                    .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase())).toList();
            for (ItemRun live : op.progress().update(client, ResourceID.fromResource(job), running)) {
                if (!seen.runs.containsKey(live.index())) {
                    runs.add(live); // shown while the pod runs; its log, read when it ends, replaces it
                }
            }
        }
        JobSnapshot snapshot = new JobSnapshot(job.getMetadata().getGeneration(), plan.items().size(),
                List.copyOf(runs), seen.strategy, seen.decision, finished, failure, now, startedAt(task));
        UpdateControl<ParallelJob> control = StatusUpdates.write(job, snapshot, seen,
                TaskConfigMap.frozenGeneration(task), op, finished ? null : deadlineLeft, client);
        // A taken name resolves itself (the informer shows our pod, or the old one is deleted); look again soon.
        if (nameTaken && !finished) {
            return control.rescheduleAfter(java.time.Duration.ofSeconds(2));
        }
        // An unreadable log may be readable later: no event will say so, so look again.
        return !seen.unreadable.isEmpty() && !finished ? control.rescheduleAfter(java.time.Duration.ofSeconds(15))
                : control;
    }

    /** The new task ConfigMap, or null when it exists already but the informer has not shown it yet. */
    private ConfigMap createTask(JobPlan plan) {
        ConfigMap cm = TaskConfigMap.build(job, plan);
        try {
            ConfigMap created = client.configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).create();
            op.events().normal(job, "Started", plan.items().size() + " items, workload " + plan.workload()
                    + ", parallelism " + plan.parallelism());
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return null; // created by an earlier reconciliation; the informer will bring it (no read needed)
            }
            throw e;
        }
    }

    /** When the job started: its task ConfigMap was created (the first thing the operator does for it). */
    private Instant startedAt(ConfigMap task) {
        String created = task.getMetadata().getCreationTimestamp() != null ? task.getMetadata().getCreationTimestamp()
                : job.getMetadata().getCreationTimestamp();
        return created == null ? null : Instant.parse(created);
    }

    /** Seconds left before spec.activeDeadlineSeconds, counted from when the job started. */
    private Long deadlineLeft(JobPlan plan, ConfigMap task) {
        if (plan.activeDeadlineSeconds() == null) {
            return null;
        }
        Instant start = startedAt(task);
        return plan.activeDeadlineSeconds() - Duration.between(start == null ? now : start, now).toSeconds();
    }

    /**
     * A job refused for an invalid spec never started (no pod, no ConfigMap), so an edit that
     * fixes it can still run it: a newer generation than the one judged invalid is judged again.
     */
    private boolean fixedAfterInvalidSpec(ParallelJobStatus previous) {
        boolean invalid = previous.getConditions().stream()
                .anyMatch(c -> "Failed".equals(c.getType()) && "InvalidSpec".equals(c.getReason()));
        return invalid && !java.util.Objects.equals(previous.getObservedGeneration(), job.getMetadata().getGeneration());
    }

    private ParallelJob withSpec(ParallelJobSpec spec) {
        ParallelJob copy = new ParallelJob();
        copy.setMetadata(job.getMetadata());
        copy.setSpec(spec);
        return copy;
    }

    private static java.util.Set<String> uids(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getUid()).collect(java.util.stream.Collectors.toSet());
    }
}
