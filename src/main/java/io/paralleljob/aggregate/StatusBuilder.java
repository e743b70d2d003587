package io.paralleljob.aggregate;

import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Phase;
import io.paralleljob.api.ShardStatus;
import io.paralleljob.model.ReportLine;
import java.time.Instant;
import java.util.List;

/**
 * The one place a ParallelJob's status is built, for local runs and the operator alike. Every
 * input is given to the builder, then {@link #build()} makes a new status once; the previous
 * status is only read (its conditions keep their lastTransitionTime), never changed.
 *
 * <p>What the items did ({@link JobSnapshot}) makes phase, counts, timing, results and the
 * item conditions ({@link StatusAggregator}); the operator adds what only a cluster has: its
 * pods, and the conditions that say why a job waits or was refused. A condition whose input is
 * not given is removed, so none outlives its cause.
 */
public final class StatusBuilder {
    private final ParallelJobStatus previous;
    private final Instant now;
    private Long generation;
    private JobSnapshot snapshot;
    private String invalidSpec;
    private String invalidSpecReason;
    private String leftovers;
    private String specChangeRejected;
    private String podsNotStarting;
    private String logsUnreadable;
    private String[] reconcileError;
    private FinalRecord restoredFrom;
    private List<io.paralleljob.model.ItemRun> restoredRuns = List.of();
    private List<ShardStatus> shards;
    private int failedPods;
    private int disruptedPods;
    private io.paralleljob.api.ResultsRef resultsRef;

    private StatusBuilder(ParallelJobStatus previous, Instant now) {
        this.previous = previous;
        this.now = now;
    }

    /** @param previous the status written before (may be null); read, never modified */
    public static StatusBuilder after(ParallelJobStatus previous, Instant now) {
        return new StatusBuilder(previous, now);
    }

    public StatusBuilder generation(Long g) {
        this.generation = g;
        return this;
    }

    /** What the items did: the job's phase, counts, timing and results follow from it. */
    public StatusBuilder items(JobSnapshot s) {
        this.snapshot = s;
        return this;
    }

    /** The spec cannot run as written: the job fails before anything is created. */
    public StatusBuilder invalidSpec(String message) {
        return invalidSpec("InvalidSpec", message);
    }

    /** @param reason the Failed condition's reason: InvalidSpec, or SpecTooLarge for a spec that cannot be stored */
    public StatusBuilder invalidSpec(String reason, String message) {
        this.invalidSpec = message;
        this.invalidSpecReason = reason;
        return this;
    }

    /** Objects of an earlier job of the same name block the start: the job stays Pending. */
    public StatusBuilder leftovers(String message) {
        this.leftovers = message;
        return this;
    }

    public StatusBuilder specChangeRejected(String message) {
        this.specChangeRejected = message;
        return this;
    }

    public StatusBuilder podsNotStarting(String message) {
        this.podsNotStarting = message;
        return this;
    }

    public StatusBuilder logsUnreadable(String message) {
        this.logsUnreadable = message;
        return this;
    }

    /** A reconciliation failed: the rest of the status stays as it was. */
    public StatusBuilder reconcileError(String reason, String message) {
        this.reconcileError = new String[] {reason, message};
        return this;
    }

    /**
     * The status was overwritten after the job finished (a stale writer put back an older one): the
     * job is finished as {@code record} says. Its phase, counts and times come back, and its
     * results from {@code ledger} (the results ledger's rows, which outlive the pods); without a
     * ledger the results the overwriting status still lists stay, the rest are counted in
     * resultsOmitted.
     */
    public StatusBuilder restoredFrom(FinalRecord record, List<io.paralleljob.model.ItemRun> ledger) {
        this.restoredFrom = record;
        this.restoredRuns = List.copyOf(ledger);
        return this;
    }

    public StatusBuilder pods(List<ShardStatus> shardStatuses, int failed, int disrupted) {
        this.shards = shardStatuses;
        this.failedPods = failed;
        this.disruptedPods = disrupted;
        return this;
    }

    /** Where every item's result is kept beyond status (the results ledger). */
    public StatusBuilder resultsRef(io.paralleljob.api.ResultsRef ref) {
        this.resultsRef = ref;
        return this;
    }

    public ParallelJobStatus build() {
        ParallelJobStatus st;
        Conditions c;
        if (invalidSpec != null) {
            st = bare(Phase.Failed);
            c = new Conditions(previousConditions(), now).set(Conditions.FAILED, true, invalidSpecReason, invalidSpec);
        } else if (leftovers != null) {
            st = bare(Phase.Pending);
            // Only this condition carries over: nothing else applies to a job that has not started.
            c = new Conditions(previous == null ? null : previous.getConditions().stream()
                    .filter(x -> Conditions.LEFTOVERS_BLOCK_START.equals(x.getType())).toList(), now);
            c.set(Conditions.LEFTOVERS_BLOCK_START, true, "OrphanedByEarlierJob", leftovers);
        } else if (restoredFrom != null) {
            st = restored(restoredFrom);
            c = new Conditions(st.getConditions(), now);
            String end = Phase.Succeeded.name().equals(restoredFrom.phase()) ? Conditions.COMPLETE : Conditions.FAILED;
            c.remove(Conditions.COMPLETE).remove(Conditions.FAILED);
            c.set(end, true, restoredFrom.reason() == null ? "Restored" : restoredFrom.reason(),
                    restoredFrom.message() == null ? restoredFrom.phase() : restoredFrom.message());
            st.setResultsRef(resultsRef != null ? resultsRef : st.getResultsRef());
            long listed = restoredRuns.isEmpty() ? st.getResults().size() : restoredRuns.size();
            long lost = Math.max(0, restoredFrom.succeeded() + restoredFrom.failed() - listed);
            c.set(Conditions.STATUS_RESTORED, true, "OverwrittenAfterFinish", "status was overwritten after the job "
                    + "finished (it said " + (previous == null ? "nothing" : previous.getPhase() + ", "
                    + previous.getProgress()) + "); the phase, counts and times are restored from the operator's "
                    + "record of the finished job" + (restoredRuns.isEmpty() ? "" : ", the results from its results "
                    + "ledger") + (lost == 0 ? "" : "; " + lost + " per-item results went with the released pods "
                    + "(counted in resultsOmitted)"));
        } else if (snapshot != null) {
            st = StatusAggregator.aggregate(snapshot, previous);
            ShardSelection.apply(st, shards);
            st.setResultsRef(resultsRef);
            st.setFailedPods(failedPods == 0 ? null : failedPods);
            st.setDisruptedPods(disruptedPods == 0 ? null : disruptedPods);
            c = new Conditions(st.getConditions(), now).remove(Conditions.LEFTOVERS_BLOCK_START);
        } else {
            // The error path: nothing new is known but the error.
            st = previous == null ? bare(Phase.Pending) : copy(previous);
            c = new Conditions(st.getConditions(), now);
        }
        if (invalidSpec == null && leftovers == null) {
            if (generation != null) {
                st.setObservedGeneration(generation);
            }
            if (reconcileError == null || snapshot != null) {
                setOrRemove(c, Conditions.SPEC_CHANGE_REJECTED, "JobAlreadyStarted", specChangeRejected);
                setOrRemove(c, Conditions.PODS_NOT_STARTING, "PodWaiting", podsNotStarting);
                setOrRemove(c, Conditions.LOGS_UNREADABLE, "PodLogUnreadable", logsUnreadable);
            }
        }
        // A reconciliation that got as far as building status from its observation succeeded.
        if (reconcileError != null) {
            c.set(Conditions.RECONCILE_ERROR, true, reconcileError[0], reconcileError[1]);
        } else {
            c.remove(Conditions.RECONCILE_ERROR);
        }
        st.setConditions(c.toList());
        return st;
    }

    private ParallelJobStatus restored(FinalRecord r) {
        ParallelJobStatus st = previous == null ? new ParallelJobStatus() : copy(previous);
        st.setPhase(r.phase());
        st.setStrategy(r.strategy());
        st.setItems(new io.paralleljob.api.ItemCounts(r.total(), r.succeeded(), r.failed()));
        st.setProgress((r.succeeded() + r.failed()) + "/" + r.total());
        st.setStartTime(r.startTime());
        st.setCompletionTime(r.completionTime());
        if (!restoredRuns.isEmpty()) {
            StatusAggregator.indexes(st, restoredRuns);
            ResultSelection.Selected selected = ResultSelection.select(restoredRuns);
            st.setResults(selected.results());
            st.setResultsOmitted(selected.omitted() > 0 ? selected.omitted() : null);
            return st;
        }
        List<io.paralleljob.api.ItemResult> kept = st.getResults() == null ? List.of() : st.getResults();
        st.setResults(kept);
        long omitted = r.succeeded() + r.failed() - kept.size();
        st.setResultsOmitted(omitted > 0 ? (int) omitted : null);
        return st;
    }

    private ParallelJobStatus bare(Phase phase) {
        ParallelJobStatus st = new ParallelJobStatus();
        st.setObservedGeneration(generation);
        st.setPhase(phase.name());
        return st;
    }

    private List<io.fabric8.kubernetes.api.model.Condition> previousConditions() {
        return previous == null ? null : previous.getConditions();
    }

    private static void setOrRemove(Conditions c, String type, String reason, String message) {
        if (message == null) {
            c.remove(type);
        } else {
            c.set(type, true, reason, message);
        }
    }

    /** A deep copy: the previous status may be the informer cache's own object. */
    private static ParallelJobStatus copy(ParallelJobStatus s) {
        return ReportLine.JSON.convertValue(s, ParallelJobStatus.class);
    }
}
