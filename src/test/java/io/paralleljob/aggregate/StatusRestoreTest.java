package io.paralleljob.aggregate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.ItemCounts;
import io.paralleljob.api.ParallelJobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finished job's status put back over a stale one: from the record, and the results from the ledger. */
class StatusRestoreTest {
    private static final FinalRecord RECORD = new FinalRecord("Failed", "Pods", 3, 2, 1, "2026-12-03T10:00:00Z",
            "2026-12-03T10:01:00Z", "ItemsFailed", "1 item failed");

    @Test
    void theLedgersResultsComeBackAndNothingIsCountedAsLost() {
        ParallelJobStatus st = StatusBuilder.after(stale(), Instant.now())
                .restoredFrom(RECORD, List.of(Runs.ok(2, Runs.T0, 10), Runs.failed(1, 2, "boom"), Runs.ok(0, Runs.T0, 10)))
                .build();
        assertEquals("Failed", st.getPhase());
        assertEquals(3, st.getItems().getTotal());
        assertEquals(List.of(0L, 1L, 2L), st.getResults().stream().map(r -> r.getIndex()).sorted().toList());
        assertEquals("1", st.getFailedIndexes());
        assertEquals("0,2", st.getCompletedIndexes());
        assertNull(st.getResultsOmitted());
        String message = restoredMessage(st);
        assertTrue(message.contains("Running, 1/3") && message.contains("results from its results ledger")
                && !message.contains("went with"), message);
    }

    @Test
    void withoutALedgerTheMissingResultsAreCountedAsOmitted() {
        ParallelJobStatus st = StatusBuilder.after(stale(), Instant.now()).restoredFrom(RECORD, List.of()).build();
        assertEquals(3, st.getResultsOmitted());
        assertTrue(restoredMessage(st).contains("3 per-item results went with the released pods"), restoredMessage(st));
    }

    private static ParallelJobStatus stale() {
        ParallelJobStatus s = new ParallelJobStatus();
        s.setPhase("Running");
        s.setProgress("1/3");
        s.setItems(new ItemCounts(3, 1, 0));
        return s;
    }

    private static String restoredMessage(ParallelJobStatus st) {
        return st.getConditions().stream().filter(c -> Conditions.STATUS_RESTORED.equals(c.getType())).findFirst()
                .orElseThrow().getMessage();
    }
}
