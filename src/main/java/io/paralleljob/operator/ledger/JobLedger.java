package io.paralleljob.operator.ledger;

import io.paralleljob.model.ItemRun;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one running job's results ledger holds, as the operator remembers it: every recorded
 * item's result, the pods whose reports are recorded (so none is written twice, even after a
 * restart), and how many chunks there are. Built from the chunks once per operator lifetime;
 * afterwards kept up to date by the writes themselves.
 */
public final class JobLedger {
    private final Map<Integer, ItemRun> runs = new HashMap<>();
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
                runs.put(r.index(), r);
            }
        }
        chunks++;
        rows += chunkRows.size();
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
