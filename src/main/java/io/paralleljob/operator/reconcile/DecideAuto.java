package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.Rfc3339;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Workload;
import io.paralleljob.model.ItemRun;
import io.paralleljob.plan.AutoProbe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * workload Auto decides while the job runs, at no extra cost: the job starts as Threads (one
 * pod, every item), and the first items to finish, read from the pod's log as they finish, show
 * how the work spends its time. I/O-bound: nothing changes, that pod is the job. CPU-bound: the
 * observation is taken again under the decision, which stops the Threads pod and hands the items
 * it has not finished to Pods shards.
 */
final class DecideAuto implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        if (s.plan.workload() != Workload.Auto || s.seen.decision != null) {
            return ReconcileProgress.proceed();
        }
        List<ItemRun> finished = new ArrayList<>(s.seen.runs.values());
        finished.addAll(s.liveRuns);
        List<ItemRun> measured = finished.stream().filter(r -> r.cpuMillis() != null)
                .sorted(Comparator.comparingLong(ItemRun::endEpochMillis)).toList();
        int need = Math.min(AutoProbe.SAMPLE_SIZE, s.plan.runCount());
        if (measured.size() < need && !s.seen.allDone()) {
            return ReconcileProgress.proceed(); // the next finished item brings the job back here
        }
        AutoDecision decision = AutoProbe.decide(measured.subList(0, Math.min(need, measured.size())));
        decision.setDecidedAt(Rfc3339.format(s.now));
        decision.setItemsDoneAtDecision(finished.size());
        s.seen = new JobObservation(s.plan, s.pods, s.reports, s.ledger.runs(), s.unreadable, decision);
        return ReconcileProgress.proceed();
    }
}
