package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.pods.PodCleanup;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.reports.PodReports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Moves ended pods' results into the job's ledger, in batches, and only then lets go of the pods
 * that produced them. A batch is written once it holds {@link #BATCH_ROWS} results, once its
 * oldest pod has waited {@link Requeue#LEDGER_BATCH}, or when the job finishes (before its final
 * status: a finished job's every result is in the ledger). Until then the pods keep their result
 * finalizer, so an operator restart loses nothing: it reads the ledger back and the pods again.
 */
final class RecordResults implements ReconcileStep {
    /** Results per ledger write, at least, while the job runs: at most one API write per thousand items. */
    static final int BATCH_ROWS = 1000;

    @Override
    public ReconcileProgress run(JobState s) {
        Map<String, List<ItemRun>> waiting = new LinkedHashMap<>();
        int rows = 0;
        for (Pod pod : s.pods) {
            String uid = pod.getMetadata().getUid();
            PodReports.PodReport report = s.reports.get(uid);
            if (report != null && !s.ledger.recorded(uid)) {
                waiting.put(uid, report.runs());
                rows += report.runs().size();
            }
        }
        ReconcileProgress progress = ReconcileProgress.proceed();
        if (!waiting.isEmpty()) {
            Duration waited = Duration.between(s.ledger.oldestWaiting(waiting.keySet(), s.now), s.now);
            if (s.finished() || rows >= BATCH_ROWS || waited.compareTo(Requeue.LEDGER_BATCH) >= 0) {
                s.op.ledger().record(s.client(), s.job, s.ledger, waiting);
            } else {
                progress = ReconcileProgress.proceedAndRequeue(Requeue.LEDGER_BATCH.minus(waited));
            }
        }
        release(s);
        return progress;
    }

    /**
     * Succeeded worker pods whose results are recorded are let go now (their finalizer removed; the
     * pods themselves stay until the job ends, and go then in one request): the operator keeps only
     * their reports' closing summaries, so their logs are not read again. Failed and disrupted pods stay until the
     * job ends, because backoffLimit counts them; Auto's Threads pod stays because its report
     * decides how the rest of the items are shared out.
     */
    private static void release(JobState s) {
        if (s.finished()) {
            return; // ReleaseFinishedJob lets go of every pod once the final status is written
        }
        List<Pod> done = new ArrayList<>();
        for (Pod pod : s.pods) {
            String uid = pod.getMetadata().getUid();
            PodReports.PodReport report = s.reports.get(uid);
            if (s.ledger.recorded(uid) && report != null && report.done() != null
                    && PodState.of(pod) == PodState.SUCCEEDED
                    && !Labels.AUTO_SHARD.equals(pod.getMetadata().getLabels().get(Labels.SHARD))
                    && pod.getMetadata().getFinalizers() != null
                    && pod.getMetadata().getFinalizers().contains(Labels.RESULT_FINALIZER)) {
                done.add(pod);
            }
        }
        if (done.isEmpty()) {
            return;
        }
        new PodCleanup(s.client(), s.op.expectations()).release(done);
        s.op.reports().keepSummaries(done.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet()));
    }
}
