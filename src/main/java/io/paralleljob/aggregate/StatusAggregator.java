package io.paralleljob.aggregate;

import io.paralleljob.api.ItemCounts;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Phase;
import io.paralleljob.api.Timing;
import io.paralleljob.model.IndexRanges;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.Words;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The item-derived part of status, from a {@link JobSnapshot}: phase, counts, timing, results and
 * the conditions items decide. Only {@link StatusBuilder} calls it, so local mode and the operator
 * get the same status for the same job.
 */
final class StatusAggregator {
    private static final int FAILED_INDEXES_SHOWN = 5;

    private StatusAggregator() {
    }

    /** @param previous the status written before, whose conditions keep their transition times; may be null */
    static ParallelJobStatus aggregate(JobSnapshot s, ParallelJobStatus previous) {
        List<ItemRun> runs = s.runs();
        long failed = runs.stream().filter(r -> !r.succeeded()).count();
        Phase phase = phase(s, failed);
        ParallelJobStatus st = new ParallelJobStatus();
        st.setObservedGeneration(s.generation());
        st.setPhase(phase.name());
        st.setStrategy(s.strategy() == null ? null : s.strategy().name());
        st.setDecision(s.decision());
        st.setItems(new ItemCounts(s.total(), runs.size() - failed, failed));
        st.setProgress(runs.size() + "/" + s.total());
        Timing timing = TimingCalculator.of(runs);
        // startTime and duration are the job's (start-up, scheduling and image pulls included);
        // timing.wallMillis is the items' own, first start to last end.
        Long start = s.startedAt() != null ? Long.valueOf(s.startedAt().toEpochMilli())
                : runs.isEmpty() ? null : runs.stream().mapToLong(ItemRun::startEpochMillis).min().orElseThrow();
        if (start != null) {
            st.setStartTime(Rfc3339.format(start));
            long end = phase.finished() && s.startedAt() == null ? start + timing.getWallMillis()
                    : s.now().toEpochMilli();
            st.setDuration(Rfc3339.human(Math.max(0, end - start)));
        }
        if (!runs.isEmpty()) {
            st.setTiming(timing);
        }
        if (phase.finished()) {
            st.setCompletionTime(Rfc3339.format(s.now()));
        }
        indexes(st, runs);
        ResultSelection.Selected selected = ResultSelection.select(runs);
        st.setResults(selected.results());
        st.setResultsOmitted(selected.omitted() > 0 ? selected.omitted() : null);
        Conditions c = conditions(s, previous, phase, failed, timing, selected.omitted(), st.getDuration());
        IndexesCut.mark(c, st);
        st.setConditions(c.toList());
        return st;
    }

    /**
     * Which items failed and which succeeded, as batch/v1 Indexed Job writes them: complete however
     * many results status lists. Only a pattern of hundreds of thousands of alternating outcomes is
     * cut, here at {@link #MAX_INDEX_CHARS} or by {@link StatusBudget} to fit the object, and then
     * ends in "…" with the IndexesTruncated condition: the ledger has them all.
     */
    static void indexes(ParallelJobStatus st, List<ItemRun> runs) {
        java.util.BitSet failed = new java.util.BitSet();
        java.util.BitSet succeeded = new java.util.BitSet();
        for (ItemRun r : runs) {
            (r.succeeded() ? succeeded : failed).set(r.index());
        }
        st.setFailedIndexes(failed.isEmpty() ? null : IndexRanges.format(failed, MAX_INDEX_CHARS));
        st.setCompletedIndexes(succeeded.isEmpty() ? null : IndexRanges.format(succeeded, MAX_INDEX_CHARS));
    }

    /**
     * Each index string's own bound, before the object's budget: 100 000 items of alternating
     * outcomes take about 300 KB per set, so both sets of such a job stay whole.
     */
    static final int MAX_INDEX_CHARS = 512 * 1024;

    private static Phase phase(JobSnapshot s, long failed) {
        if (!s.finished()) {
            return s.runs().isEmpty() && s.strategy() == null && s.decision() == null ? Phase.Pending : Phase.Running;
        }
        return failed > 0 || s.failure() != null || missing(s) > 0 ? Phase.Failed : Phase.Succeeded;
    }

    /** Items a finished job has no result for: never silently counted as success. */
    private static long missing(JobSnapshot s) {
        return s.finished() ? Math.max(0, s.total() - s.runs().size()) : 0;
    }

    private static Conditions conditions(JobSnapshot s, ParallelJobStatus previous, Phase phase, long failed,
            Timing timing, int omitted, String duration) {
        Conditions c = new Conditions(previous == null ? null : previous.getConditions(), s.now());
        if (s.strategy() != null) {
            if (s.decision() != null) {
                c.set(Conditions.STRATEGY_RESOLVED, true, "Measured", s.decision().getReason());
            } else {
                c.set(Conditions.STRATEGY_RESOLVED, true, "Declared",
                        "workload declared; running as " + s.strategy());
            }
        }
        boolean wasStarved = previous != null && previous.getConditions() != null && previous.getConditions().stream()
                .anyMatch(p -> Conditions.CPU_STARVED.equals(p.getType()));
        CpuStarvation.apply(c, wasStarved, s.runs(), timing, s.strategy(), s.cpus());
        if (omitted > 0) {
            c.set(Conditions.RESULTS_TRUNCATED, true, "StatusSizeLimit", Words.count(omitted, "result")
                    + " left out of status to stay within Kubernetes' object size; failed items were kept first");
        }
        // A job is Complete or Failed, never both, and neither while it runs.
        if (phase != Phase.Succeeded) {
            c.remove(Conditions.COMPLETE);
        }
        if (phase != Phase.Failed) {
            c.remove(Conditions.FAILED);
        }
        if (phase == Phase.Succeeded) {
            // The job's own duration, as status.duration says it (start-up and scheduling in it),
            // so the two never disagree; the items' wall time is in status.timing.
            c.set(Conditions.COMPLETE, true, "AllItemsSucceeded", String.format(Locale.ROOT,
                    "%d of %s succeeded in %s (speedup %.2fx)", s.runs().size(), Words.count(s.total(), "item"),
                    duration != null ? duration : Rfc3339.human(timing.getWallMillis()), timing.getSpeedup()));
        } else if (phase == Phase.Failed) {
            c.set(Conditions.FAILED, true, failureReason(s, failed), failureMessage(s, failed));
        }
        return c;
    }

    private static String failureReason(JobSnapshot s, long failed) {
        return s.failure() != null ? s.failure().reason() : failed > 0 ? "ItemsFailed" : "ItemsMissing";
    }

    private static String failureMessage(JobSnapshot s, long failed) {
        StringBuilder m = new StringBuilder();
        if (s.failure() != null) {
            m.append(s.failure().message());
        }
        long missing = missing(s);
        if (missing > 0) {
            m.append(m.length() > 0 ? "; " : "").append(missing).append(" of ").append(Words.count(s.total(), "item"))
                    .append(missing == 1 ? " has no result" : " have no result");
        }
        if (failed > 0) {
            List<ItemRun> bad = s.runs().stream().filter(r -> !r.succeeded()).sorted(
                    java.util.Comparator.comparingInt(ItemRun::index)).toList();
            if (m.length() > 0) {
                m.append("; ");
            }
            m.append(failed).append(" of ").append(Words.count(s.total(), "item")).append(" failed (index ")
                    .append(bad.stream().limit(FAILED_INDEXES_SHOWN).map(r -> Integer.toString(r.index()))
                            .collect(Collectors.joining(", ")))
                    .append(bad.size() > FAILED_INDEXES_SHOWN ? ", …" : "").append("); first: ")
                    .append(describe(bad.get(0)));
        }
        return m.toString();
    }

    /** One line saying why an item failed: its start error, or its exit code and last stderr line. */
    static String describe(ItemRun r) {
        return FailureLine.of(r);
    }
}
