package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Turns a ParallelJob into worker pods and their results into status. Reacts to events only: the
 * job itself, and its pods and task ConfigMap through informers selected and mapped back to the
 * job by its name label (ownership, by UID, is checked where it matters: see {@link Owner}).
 */
@ControllerConfiguration(name = "paralleljob")
public class ParallelJobReconciler implements Reconciler<ParallelJob>, Cleaner<ParallelJob> {
    private final OperatorSettings settings;
    private final OperatorMetrics metrics;
    private final PodReports reports;
    private final StatusWriter statuses = new StatusWriter();
    /** Reconciliation requests from live progress (a running pod logged finished items). */
    private final SimpleInboundEventSource<ParallelJob> progressEvents = new SimpleInboundEventSource<>("progress");
    private final LiveProgress progress;

    @Inject
    public ParallelJobReconciler(OperatorSettings settings, MeterRegistry registry) {
        this.settings = settings;
        this.metrics = new OperatorMetrics(registry);
        this.reports = new PodReports(metrics::itemsReported);
        this.progress = new LiveProgress(progressEvents::propagateEvent, settings.progressMaxFollowedPods());
    }

    @Override
    public List<EventSource<?, ParallelJob>> prepareEventSources(EventSourceContext<ParallelJob> context) {
        // Mapped by the job label, not the owner reference: what `kubectl delete --cascade=orphan` leaves
        // has no owner, yet holds the names a re-created job of the same name needs (see Leftovers).
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ParallelJob.class)
                .withName("worker-pods").withLabelSelector(Labels.JOB)
                .withSecondaryToPrimaryMapper(ParallelJobReconciler::byJobLabel).build(), context);
        var configMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class,
                ParallelJob.class).withName("task-configmaps").withLabelSelector(Labels.JOB)
                .withSecondaryToPrimaryMapper(ParallelJobReconciler::byJobLabel).build(), context);
        return List.of(pods, configMaps, progressEvents);
    }

    private static java.util.Set<io.javaoperatorsdk.operator.processing.event.ResourceID> byJobLabel(
            io.fabric8.kubernetes.api.model.HasMetadata r) {
        return java.util.Set.of(new io.javaoperatorsdk.operator.processing.event.ResourceID(
                r.getMetadata().getLabels().get(Labels.JOB), r.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<ParallelJob> reconcile(ParallelJob job, Context<ParallelJob> context) {
        return new JobReconciliation(job, context, operatorContext(context)).run();
    }

    /** Something unexpected (the API refused a call, a log could not be read): say so in status, then retry. */
    @Override
    public ErrorStatusUpdateControl<ParallelJob> updateErrorStatus(ParallelJob job, Context<ParallelJob> context,
            Exception e) {
        metrics.reconcileError();
        ParallelJobStatus status = statuses.latest(job) == null ? new ParallelJobStatus() : statuses.latest(job);
        status.setConditions(new Conditions(status.getConditions(), Instant.now())
                .set(StatusUpdates.RECONCILE_ERROR, true, e.getClass().getSimpleName(), String.valueOf(e.getMessage())).toList());
        try {
            statuses.write(context.getClient(), job, status);
        } catch (RuntimeException writeFailed) {
            // the API server is what failed: the retry below tries again
        }
        // Look again later even once retries are spent: a job must not stay Running for want of an event.
        return ErrorStatusUpdateControl.<ParallelJob>noStatusUpdate().rescheduleAfter(java.time.Duration.ofSeconds(30));
    }

    /**
     * The job is being deleted: let go of its pods (the garbage collector deletes them through the
     * owner reference, or leaves them, orphaned, for `--cascade=orphan`).
     */
    @Override
    public DeleteControl cleanup(ParallelJob job, Context<ParallelJob> context) {
        // From the API, not the cache: a pod created a moment ago may not be in the informer yet,
        // and once the job is gone nothing would release its finalizer.
        var pods = context.getClient().pods().inNamespace(job.getMetadata().getNamespace())
                .withLabel(Labels.JOB, job.getMetadata().getName()).list().getItems().stream()
                .filter(p -> Owner.owns(job, p) || orphaned(p)).toList();
        reports.forgetAll(pods.stream().map(p -> p.getMetadata().getUid()).collect(java.util.stream.Collectors.toSet()));
        progress.forget(io.javaoperatorsdk.operator.processing.event.ResourceID.fromResource(job));
        metrics.forget(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName());
        statuses.forget(job);
        new PodCleanup(context.getClient()).release(pods, false);
        return DeleteControl.defaultDelete();
    }

    /** With --cascade=orphan the garbage collector may strip the owner reference before this cleanup runs. */
    private static boolean orphaned(Pod p) {
        return p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty();
    }

    private OperatorContext operatorContext(Context<ParallelJob> context) {
        return new OperatorContext(settings, new WorkerPodFactory(settings), reports, progress,
                new EventRecorder(context.getClient()), metrics, statuses);
    }
}
