package io.paralleljob.operator;

import io.paralleljob.operator.config.OperatorSettings;
import io.paralleljob.operator.events.EventRecorder;
import io.paralleljob.operator.events.OperatorMetrics;
import io.paralleljob.operator.pods.PodExpectations;
import io.paralleljob.operator.pods.WorkerPodFactory;
import io.paralleljob.operator.reports.LiveProgress;
import io.paralleljob.operator.reports.PodReports;

/**
 * What every reconciliation shares, made once by the reconciler: settings, the pod builder, the
 * pods created but not yet seen, the cache of finished pods' reports, live progress, the event recorder, the metrics,
 * the running jobs' results ledgers and when their status was last written.
 */
public record OperatorContext(OperatorSettings settings, WorkerPodFactory pods, PodExpectations expectations,
        PodReports reports, LiveProgress progress, EventRecorder events, OperatorMetrics metrics,
        io.paralleljob.operator.ledger.ResultsLedger ledger, io.paralleljob.operator.status.StatusPacing pacing) {
}
