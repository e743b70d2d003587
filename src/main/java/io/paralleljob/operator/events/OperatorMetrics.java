package io.paralleljob.operator.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paralleljob.model.ItemRun;
import java.time.Duration;
import java.util.Collection;

/**
 * The operator's own Prometheus metrics (at /q/metrics, beside the Java Operator SDK's):
 * jobs finished by phase, items by result, item and job durations, pods created, reconcile errors.
 */
public final class OperatorMetrics {
    private final MeterRegistry registry;
    private final Counter podsCreated;
    private final Counter reconcileErrors;
    private final Timer itemDuration;
    private final Timer jobDuration;
    private final DistributionSummary jobItems;

    /**
     * Last phase written per job. One per process, not per instance: a registry keeps the first
     * gauge registered under a name and ignores later ones, so every instance must feed that one.
     */
    private static final java.util.Map<String, String> PHASE_BY_JOB = new java.util.concurrent.ConcurrentHashMap<>();

    public OperatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (io.paralleljob.api.Phase phase : io.paralleljob.api.Phase.values()) {
            io.micrometer.core.instrument.Gauge.builder("paralleljob.jobs", PHASE_BY_JOB,
                            m -> m.values().stream().filter(phase.name()::equals).count())
                    .tag("phase", phase.name()).description("Jobs by phase").strongReference(true).register(registry);
        }
        this.podsCreated = Counter.builder("paralleljob.pods.created").description("Worker pods created")
                .register(registry);
        this.reconcileErrors = Counter.builder("paralleljob.reconcile.errors")
                .description("Reconciliations that failed and will be retried").register(registry);
        this.itemDuration = Timer.builder("paralleljob.item.duration").description("Item durations, as runners measured them")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry);
        this.jobDuration = Timer.builder("paralleljob.job.duration").description("Wall time of finished jobs")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofDays(1)).register(registry);
        this.jobItems = DistributionSummary.builder("paralleljob.job.items").description("Items per finished job")
                .register(registry);
    }

    /** A finished pod's report was read (once per pod): its items are counted here, by result. */
    public void itemsReported(Collection<ItemRun> runs) {
        for (ItemRun r : runs) {
            registry.counter("paralleljob.items.processed", "result", r.succeeded() ? "succeeded" : "failed").increment();
            itemDuration.record(Duration.ofMillis(r.durationMillis()));
        }
    }

    /** Jobs by phase: the gauge counts the last phase written for every job this operator knows. */
    public void phase(String job, String phase) {
        PHASE_BY_JOB.put(job, phase);
    }

    public void forget(String job) {
        PHASE_BY_JOB.remove(job);
    }

    public void podCreated() {
        podsCreated.increment();
    }

    public void jobFinished(String phase, long wallMillis, long items) {
        registry.counter("paralleljob.jobs.finished", "phase", phase).increment();
        jobDuration.record(Duration.ofMillis(wallMillis));
        jobItems.record(items);
    }

    public void reconcileError() {
        reconcileErrors.increment();
    }
}
