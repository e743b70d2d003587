package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.operator.config.OperatorSettings;
import io.paralleljob.operator.events.EventRecorder;
import io.paralleljob.operator.events.OperatorMetrics;
import io.paralleljob.operator.pods.PodCleanup;
import io.paralleljob.operator.pods.PodExpectations;
import io.paralleljob.operator.pods.WorkerPodFactory;
import io.paralleljob.operator.reconcile.JobReconciliation;
import io.paralleljob.operator.reconcile.Requeue;
import io.paralleljob.operator.reports.LiveProgress;
import io.paralleljob.operator.reports.PodReports;
import io.paralleljob.operator.status.StatusWriter;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Turns a ParallelJob into worker pods and their results into status. Reacts to events only: the
 * job itself, and its pods and task ConfigMap through informers selected and mapped back to the
 * job by its name label (ownership, by UID, is checked where it matters: see {@link Owner}).
 * A reconciliation is the list of steps in {@link JobReconciliation}.
 *
 * <p>Status changes reconcile only when status went backwards ({@link StatusRegression}): the
 * operator's own writes need no reconciliation, a stale writer's must be undone.
 *
 * <p>A reconciliation that throws is retried by the framework with backoff (0.5 s, doubling, at
 * most 30 s apart, 8 attempts), so a transient API error costs about a second, not a fixed wait.
 */
@ControllerConfiguration(name = "paralleljob", generationAwareEventProcessing = false,
        informer = @Informer(onUpdateFilter = StatusRegression.class))
@GradualRetry(maxAttempts = 8, initialInterval = 500, intervalMultiplier = 2.0, maxInterval = 30_000)
public class ParallelJobReconciler implements Reconciler<ParallelJob>, Cleaner<ParallelJob> {
    private static final Logger LOG = Logger.getLogger(ParallelJobReconciler.class);
    /** Reconciliation requests from live progress (a running pod logged finished items). */
    private final SimpleInboundEventSource<ParallelJob> progressEvents = new SimpleInboundEventSource<>("progress");
    private final OperatorContext op;

    @Inject
    public ParallelJobReconciler(OperatorSettings settings, MeterRegistry registry) {
        OperatorMetrics metrics = new OperatorMetrics(registry);
        this.op = new OperatorContext(settings, new WorkerPodFactory(settings), new PodExpectations(),
                new PodReports(metrics::itemsReported),
                new LiveProgress(progressEvents::propagateEvent, settings.progressMaxFollowedPods()),
                new EventRecorder(), metrics, new io.paralleljob.operator.ledger.ResultsLedger(),
                new io.paralleljob.operator.status.StatusPacing(java.time.Duration.ofMillis(settings.statusIntervalMillis())));
    }

    /** What the operator remembers per job, by kind (see {@link OperatorContext#remembered()}). */
    public java.util.Map<String, Integer> remembered() {
        return op.remembered();
    }

    @Override
    public List<EventSource<?, ParallelJob>> prepareEventSources(EventSourceContext<ParallelJob> context) {
        // Mapped by the job label, not the owner reference: what `kubectl delete --cascade=orphan` leaves
        // has no owner, yet holds the names a re-created job of the same name needs (see WaitForLeftovers).
        var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ParallelJob.class)
                .withName("worker-pods").withLabelSelector(Labels.JOB)
                .withSecondaryToPrimaryMapper(ParallelJobReconciler::byJobLabel).build(), context);
        var configMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class,
                ParallelJob.class).withName("task-configmaps").withLabelSelector(Labels.JOB)
                .withSecondaryToPrimaryMapper(ParallelJobReconciler::byJobLabel).build(), context);
        return List.of(pods, configMaps, progressEvents);
    }

    private static Set<ResourceID> byJobLabel(HasMetadata r) {
        return Set.of(new ResourceID(r.getMetadata().getLabels().get(Labels.JOB), r.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<ParallelJob> reconcile(ParallelJob job, Context<ParallelJob> context) {
        return JobReconciliation.run(job, context, op);
    }

    /**
     * Something unexpected (the API refused a call, a write conflicted for good): say so in status
     * and in an Event, and leave the retry to the framework's backoff. Only once its attempts are
     * spent is the job rescheduled, slowly, so it never sticks for want of an event.
     */
    @Override
    public ErrorStatusUpdateControl<ParallelJob> updateErrorStatus(ParallelJob job, Context<ParallelJob> context,
            Exception e) {
        op.metrics().reconcileError();
        // The framework hands the reconciler's exception over wrapped in its own OperatorException:
        // the cause is what went wrong, and what the user needs named.
        Throwable cause = e;
        while (cause instanceof io.javaoperatorsdk.operator.OperatorException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        // Ours names what to fix; anything else is named by its class (KubernetesClientException, ...).
        String reason = cause instanceof io.paralleljob.operator.ledger.ItemsUnavailableException ? "ItemsUnavailable"
                : cause.getClass().getSimpleName();
        String message = String.valueOf(cause.getMessage());
        op.events().warning(context.getClient(), job, Conditions.RECONCILE_ERROR, reason + ": " + message);
        try {
            StatusWriter.write(context, job, StatusBuilder.after(job.getStatus(), Instant.now())
                    .reconcileError(reason, message).build());
        } catch (RuntimeException writeFailed) {
            // The API server is what failed: the retry tries again.
            LOG.warnf(writeFailed, "could not record the error on %s: %s", job.getMetadata().getName(), writeFailed.getMessage());
        }
        boolean lastAttempt = context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(false);
        ErrorStatusUpdateControl<ParallelJob> control = ErrorStatusUpdateControl.noStatusUpdate();
        // rescheduleAfter switches the framework's retry off, so it is only for when retries are spent.
        return lastAttempt ? control.rescheduleAfter(Requeue.AFTER_RETRIES_SPENT) : control;
    }

    /**
     * The job is being deleted: let go of its pods (the garbage collector deletes them through the
     * owner reference, or leaves them, orphaned, for `--cascade=orphan`), and forget the job.
     */
    @Override
    public DeleteControl cleanup(ParallelJob job, Context<ParallelJob> context) {
        // From the API, not the cache: a pod created a moment ago may not be in the informer yet,
        // and once the job is gone nothing would release its finalizer.
        var pods = context.getClient().pods().inNamespace(job.getMetadata().getNamespace())
                .withLabel(Labels.JOB, job.getMetadata().getName()).list().getItems().stream()
                .filter(p -> Owner.owns(job, p) || orphaned(p)).toList();
        op.reports().forgetAll(pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
        op.progress().forget(ResourceID.fromResource(job));
        op.metrics().forget(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName());
        op.events().forget(job);
        op.ledger().forget(job);
        op.pacing().forget(job.getMetadata().getUid());
        op.expectations().forget(job.getMetadata().getUid());
        new PodCleanup(context.getClient(), op.expectations()).release(pods);
        return DeleteControl.defaultDelete();
    }

    /** With --cascade=orphan the garbage collector may strip the owner reference before this cleanup runs. */
    private static boolean orphaned(Pod p) {
        return p.getMetadata().getOwnerReferences() == null || p.getMetadata().getOwnerReferences().isEmpty();
    }
}
