package io.paralleljob.operator.ledger;

import io.paralleljob.aggregate.ResultSelection;
import io.paralleljob.model.ItemRun;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one running job's results ledger holds, as the operator remembers it: every recorded
 * item's outcome and timing, the pods whose reports are recorded (so none is written twice, even
 * after a restart), and how many chunks there are. Built from the chunks once per operator
 * lifetime; afterwards kept up to date by the writes themselves.
 *
 * <p>Items, outputs and stderr (up to hundreds of KiB a result) are kept only for the results
 * status can list: the lowest {@link ResultSelection#MAX_RESULTS} indexes of each outcome, as
 * {@link ResultSelection} picks them. The rest is held {@link ItemRun#withoutDetail without
 * detail}: a hundred-odd bytes a result, since counts, index sets and timing need every one,
 * while their outputs are in the chunks.
 */
public final class JobLedger {
    private final Map<Integer, ItemRun> runs = new HashMap<>();
    /** Indexes held with their detail, per outcome; each at most {@link ResultSelection#MAX_RESULTS}. */
    private final TreeSet<Integer> detailedFailed = new TreeSet<>();
    private final TreeSet<Integer> detailedSucceeded = new TreeSet<>();
    private final Set<String> recordedPods = new HashSet<>();
    /** Ended pods waiting for the next chunk, with when they were first seen waiting. */
    private final Map<String, Instant> waitingSince = new HashMap<>();
    private int chunks;
    private long rows;

    /** Every recorded result, by index; a view, not a copy. */
    public Map<Integer, ItemRun> runs() {
        return Collections.unmodifiableMap(runs);
    }

    public boolean recorded(String podUid) {
        return recordedPods.contains(podUid);
    }

    public int chunks() {
        return chunks;
    }

    /** Rows written, which is the recorded results: an item is written once (see {@link #isNew}). */
    public long rows() {
        return rows;
    }

    /**
     * True for a result the ledger does not hold yet: a new index, or a success where a failure
     * was recorded (a replacement pod that ran it again). Anything else would be a second row.
     */
    boolean isNew(ItemRun r) {
        ItemRun had = runs.get(r.index());
        return had == null || (!had.succeeded() && r.succeeded());
    }

    /** A chunk is stored: its rows are recorded. */
    void chunkStored(java.util.List<ItemRun> chunkRows) {
        for (ItemRun r : chunkRows) {
            if (isNew(r)) {
                keep(r);
            }
        }
        chunks++;
        rows += chunkRows.size();
    }

    /**
     * A failure a success replaces keeps its place among the detailed failures: freeing it would
     * let a failure whose detail was already dropped move up into status without its output. So
     * after replacements status may list fewer than 1000 failures; the ledger has them all.
     */
    private void keep(ItemRun r) {
        TreeSet<Integer> detailed = r.succeeded() ? detailedSucceeded : detailedFailed;
        if (detailed.size() < ResultSelection.MAX_RESULTS || r.index() < detailed.last()) {
            runs.put(r.index(), r);
            detailed.add(r.index());
            if (detailed.size() > ResultSelection.MAX_RESULTS) {
                int pushedOut = detailed.pollLast(); // a lower index took its place in status
                runs.computeIfPresent(pushedOut, (i, run) -> run.withoutDetail());
            }
        } else {
            runs.put(r.index(), r.withoutDetail());
        }
    }

    /** These pods' reports are in the ledger: they are never written again, and may be let go. */
    void podsRecorded(Set<String> pods) {
        recordedPods.addAll(pods);
        pods.forEach(waitingSince::remove);
    }

    /** When the oldest of these waiting pods was first seen waiting. */
    public Instant oldestWaiting(Set<String> pods, Instant now) {
        Instant oldest = now;
        for (String uid : pods) {
            Instant since = waitingSince.computeIfAbsent(uid, u -> now);
            if (since.isBefore(oldest)) {
                oldest = since;
            }
        }
        return oldest;
    }
}
