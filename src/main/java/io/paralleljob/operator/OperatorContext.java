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

    /**
     * What the operator remembers per job or pod, by kind: each must come back to zero once the
     * jobs are finished and released, so that memory follows the running jobs, not every job seen.
     * (Two things are left out on purpose: the per-job phase gauge, kept while the job object
     * exists, and pod deletes sent in the last 30 s, kept so that a stale cache does not send them twice.)
     */
    public java.util.Map<String, Integer> remembered() {
        java.util.Map<String, Integer> m = new java.util.LinkedHashMap<>();
        m.put("pod expectations", expectations.size());
        m.put("pod reports", reports.size());
        m.put("live progress", progress.size());
        m.put("events told", events.size());
        m.put("ledgers", ledger.size());
        m.put("status pacing", pacing.size());
        return m;
    }
}
