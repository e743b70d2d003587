package io.paralleljob.operator.reconcile;

import io.paralleljob.aggregate.Conditions;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.model.ItemRun;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.status.StatusWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The last step: builds the job's status from everything the earlier steps found, writes it when
 * it changed, and tells the story in Events (the recorder drops what it has told already).
 */
final class WriteStatus implements ReconcileStep {
    @Override
    public ReconcileProgress run(JobState s) {
        boolean finished = s.finished();
        List<ItemRun> runs = new ArrayList<>(s.seen.runs.values());
        runs.addAll(s.liveRuns);
        JobSnapshot items = new JobSnapshot(s.job.getMetadata().getGeneration(), s.plan.runCount(),
                List.copyOf(runs), s.seen.strategy, s.seen.decision, finished, s.failure, s.now, ObserveJob.startedAt(s),
                cpuLimit(s));
        String specChange = SpecEdits.rejected(s);
        String stuck = s.seen.activePods().stream().map(PodState::notStarting).filter(Objects::nonNull)
                .findFirst().orElse(null);
        ParallelJobStatus previous = s.job.getStatus();
        ParallelJobStatus next = StatusBuilder.after(previous, s.now)
                .generation(s.job.getMetadata().getGeneration())
                .items(items)
                .pods(s.seen.shards.stream().map(ShardView::toStatus).toList(), s.seen.failedPods.size(),
                        s.seen.disruptedPods)
                .resultsRef(resultsRef(s, finished))
                .specChangeRejected(specChange)
                .podsNotStarting(stuck)
                .suspended(finished ? null : s.suspended)
                .queued(s.kueueQueue() == null ? null : s.queued == null ? "" : s.queued)
                .logsUnreadable(s.seen.unreadable.isEmpty() ? null : String.join("; ", s.seen.unreadable)
                        + "; their items count when the log can be read (retried every "
                        + Requeue.LOG_UNREADABLE.toSeconds() + " s)")
                .build();
        s.op.metrics().phase(s.key(), next.getPhase());
        java.time.Duration wait = StatusWriter.writePaced(s.context, s.job, next, s.op.pacing(), s.now);
        tell(s, next, specChange, stuck);
        if (wait != null) {
            // Progress only, and the last write was a moment ago: this pass's news goes in the next one.
            return ReconcileProgress.doneAndRequeue(wait);
        }
        tellHolds(s, previous, next);
        boolean nowFinished = JobState.finished(next.getPhase());
        if (nowFinished && (previous == null || !JobState.finished(previous.getPhase()))) {
            s.op.metrics().jobFinished(next.getPhase(), next.getTiming() == null ? 0 : next.getTiming().getWallMillis(),
                    next.getItems() == null ? 0 : next.getItems().getTotal());
        }
        // One more pass, after the final status is stored, releases the pods' finalizers.
        return nowFinished ? ReconcileProgress.doneAndRequeue(Requeue.RELEASE_PODS) : ReconcileProgress.done();
    }

    /**
     * The ledger as status shows it. Complete once the job is finished: every result is written
     * before the final status (RecordResults).
     */
    private static io.paralleljob.api.ResultsRef resultsRef(JobState s, boolean finished) {
        return resultsRef(s.job, s.ledger, finished && s.ledger.runs().size() >= s.seen.runs.size());
    }

    static io.paralleljob.api.ResultsRef resultsRef(io.paralleljob.api.ParallelJob job,
            io.paralleljob.operator.ledger.JobLedger ledger, boolean complete) {
        io.paralleljob.api.ResultsRef ref = new io.paralleljob.api.ResultsRef();
        ref.setStore("ConfigMap");
        ref.setLocation(io.paralleljob.model.LedgerChunk.LABEL + "=" + job.getMetadata().getName());
        ref.setChunks(ledger.chunks());
        ref.setRecorded(ledger.rows());
        ref.setComplete(complete);
        ref.setCommand("java -jar quarkus-run.jar results " + job.getMetadata().getName() + " -n "
                + job.getMetadata().getNamespace());
        return ref;
    }

    /** Events for what the status says: each is recorded once, however often it is reported. */
    private static void tell(JobState s, ParallelJobStatus next, String specChange, String stuck) {
        var events = s.op.events();
        if (s.seen.strategy != null) {
            events.normal(s.client(), s.job, "StrategyChosen", s.seen.decision != null ? s.seen.decision.getReason()
                    : "workload " + s.plan.workload() + ": running as " + s.seen.strategy);
        }
        if (specChange != null) {
            events.warning(s.client(), s.job, Conditions.SPEC_CHANGE_REJECTED, specChange);
        }
        if (stuck != null) {
            events.warning(s.client(), s.job, Conditions.PODS_NOT_STARTING, stuck);
        }
        failureKinds(s).forEach(first -> events.warningOnce(s.client(), s.job, "ItemsFailed",
                "items failing: " + io.paralleljob.aggregate.FailureLine.of(first) + " (the first of its kind; "
                        + "status lists every failed item)"));
        if (!JobState.finished(next.getPhase())) {
            return;
        }
        String type = "Succeeded".equals(next.getPhase()) ? Conditions.COMPLETE : Conditions.FAILED;
        String message = next.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .map(c -> c.getMessage()).orElse(next.getPhase());
        if (type.equals(Conditions.COMPLETE)) {
            events.normal(s.client(), s.job, "Completed", message);
        } else {
            events.warning(s.client(), s.job, "Failed", message);
        }
    }

    /** Suspended and Resumed events, as batch/v1 Job's, and Queued/Admitted for a Kueue pod group: on change only. */
    private static void tellHolds(JobState s, ParallelJobStatus previous, ParallelJobStatus next) {
        String[][] holds = {{Conditions.SUSPENDED, "Suspended", "Resumed"}, {Conditions.QUEUED, "Queued", "Admitted"}};
        for (String[] hold : holds) {
            String was = status(previous, hold[0]);
            String now = status(next, hold[0]);
            if (now == null || now.equals(was)) {
                continue;
            }
            String message = next.getConditions().stream().filter(c -> hold[0].equals(c.getType())).findFirst()
                    .map(c -> c.getMessage()).orElse(hold[0]);
            if ("True".equals(now)) {
                s.op.events().normal(s.client(), s.job, hold[1], message);
            } else if ("True".equals(was)) {
                s.op.events().normal(s.client(), s.job, hold[2], message);
            }
        }
    }

    private static String status(ParallelJobStatus st, String type) {
        return st == null || st.getConditions() == null ? null : st.getConditions().stream()
                .filter(c -> type.equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    /**
     * What CPU the Threads pod may use, from the frozen spec's limits.cpu (or the operator's
     * default), so that CPUStarved can name the pod's CPU limit as the cause.
     */
    private static io.paralleljob.model.CpuAllowance cpuLimit(JobState s) {
        if (s.seen.strategy == io.paralleljob.api.Strategy.Pods) {
            return io.paralleljob.model.CpuAllowance.UNKNOWN; // one limit per pod: no single one explains them all
        }
        var resources = s.frozen == null || s.frozen.getTemplate() == null ? null : s.frozen.getTemplate().getResources();
        var limit = resources == null || resources.getLimits() == null ? null : resources.getLimits().get("cpu");
        if (limit == null && resources == null) {
            limit = s.op.settings().worker().cpuLimit().map(io.fabric8.kubernetes.api.model.Quantity::new).orElse(null);
        }
        if (limit == null) {
            return io.paralleljob.model.CpuAllowance.UNKNOWN;
        }
        double cpus = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(limit).doubleValue();
        return new io.paralleljob.model.CpuAllowance(null, cpus, "the worker pods' limits.cpu");
    }

    /**
     * One failed item per kind of failure (a start error, or an exit code), the lowest index
     * first: an Event per kind tells a dashboard what goes wrong without one per item.
     */
    private static java.util.Collection<ItemRun> failureKinds(JobState s) {
        java.util.Map<String, ItemRun> byKind = new java.util.TreeMap<>();
        // Runs with their stderr first (the ledger holds most without it), then by index.
        s.seen.runs.values().stream().filter(r -> !r.succeeded())
                .sorted(java.util.Comparator.comparing(ItemRun::detailDropped).thenComparingInt(ItemRun::index))
                .forEach(r -> byKind.putIfAbsent(r.error() != null ? "error" : "exit " + r.exitCode(), r));
        return byKind.values();
    }
}
