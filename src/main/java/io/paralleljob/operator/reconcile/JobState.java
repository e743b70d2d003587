package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.Phase;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.OperatorContext;
import io.paralleljob.operator.Owner;
import io.paralleljob.operator.reports.PodReports;
import io.paralleljob.plan.JobPlan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one reconciliation of one job knows, filled in step by step: the informer's view first
 * (the job, its own pods and task ConfigMap), then the plan, the pods' reports, the observation
 * and the decisions the steps take. Lives for one reconciliation only.
 */
final class JobState {
    final ParallelJob job;
    final Context<ParallelJob> context;
    final OperatorContext op;
    final Instant now = Instant.now();
    /** Pods of this very job (by owner UID); a predecessor's of the same name are not among them. */
    final List<Pod> pods;
    ConfigMap task;
    /** The plan from the frozen spec (from the live spec before the job has started). */
    JobPlan plan;
    ParallelJobSpec frozen;
    /** Reports of ended pods by pod UID, and why some could not be read this time. */
    final Map<String, PodReports.PodReport> reports = new HashMap<>();
    final Map<String, String> unreadable = new HashMap<>();
    /** The job's results ledger: what is recorded beyond the pods still present. */
    io.paralleljob.operator.ledger.JobLedger ledger;
    JobObservation seen;
    /** Seconds left before activeDeadlineSeconds, or null without a deadline. */
    Long deadlineLeft;
    /** A failure of the job as a whole (deadline, backoff limit, a refused pod), or null. */
    JobSnapshot.JobFailure failure;
    /** spec.suspend, read from the live spec: it stays editable after the start. */
    final boolean suspended;
    /** Why a Kueue pod group waits for admission, or null (not in Kueue, or admitted). */
    String queued;
    /** Items running pods have reported in their log streams, not yet in a final report. */
    final List<ItemRun> liveRuns = new ArrayList<>();

    JobState(ParallelJob job, Context<ParallelJob> context, OperatorContext op) {
        this.job = job;
        this.context = context;
        this.op = op;
        this.pods = context.getSecondaryResources(Pod.class).stream().filter(p -> Owner.owns(job, p)).toList();
        this.task = context.getSecondaryResources(ConfigMap.class).stream().filter(cm -> Owner.owns(job, cm))
                .findFirst().orElse(null);
        this.suspended = job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
    }

    /** The Kueue queue the job's pods are queued in (frozen at the start), or null. */
    String kueueQueue() {
        return task != null ? io.paralleljob.operator.kueue.KueuePodGroup.queueOf(task)
                : io.paralleljob.operator.kueue.KueuePodGroup.queueOf(job);
    }

    KubernetesClient client() {
        return context.getClient();
    }

    ResourceID id() {
        return ResourceID.fromResource(job);
    }

    /** namespace/name, the key the metrics use. */
    String key() {
        return job.getMetadata().getNamespace() + "/" + job.getMetadata().getName();
    }

    /** Nothing more will run: every item has a result, or the job failed as a whole. */
    boolean finished() {
        return failure != null || (seen != null && seen.allDone());
    }

    static boolean finished(String phase) {
        for (Phase p : Phase.values()) {
            if (p.name().equals(phase)) {
                return p.finished();
            }
        }
        return false;
    }
}
