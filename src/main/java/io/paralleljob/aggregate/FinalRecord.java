package io.paralleljob.aggregate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.Condition;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.model.ReportLine;

/**
 * What a finished job's status said, in a few hundred bytes: kept where a status write cannot
 * reach (the operator stores it on the job's metadata before it lets go of the pods), so a status
 * overwritten later by a stale writer can be recognised and its phase and counts restored. The
 * per-item results are not in it: they are in the job's results ledger, which outlives the pods.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinalRecord(String phase, String strategy, long total, long succeeded, long failed, String startTime,
        String completionTime, String reason, String message) {

    /** The record of a finished status; null when the status is not finished. */
    public static FinalRecord of(ParallelJobStatus s) {
        if (s == null || s.getItems() == null || !("Succeeded".equals(s.getPhase()) || "Failed".equals(s.getPhase()))) {
            return null;
        }
        String type = "Succeeded".equals(s.getPhase()) ? Conditions.COMPLETE : Conditions.FAILED;
        Condition end = s.getConditions() == null ? null
                : s.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        return new FinalRecord(s.getPhase(), s.getStrategy(), s.getItems().getTotal(), s.getItems().getSucceeded(),
                s.getItems().getFailed(), s.getStartTime(), s.getCompletionTime(), end == null ? null : end.getReason(),
                end == null ? null : end.getMessage());
    }

    /** True when {@code s} still says what this record says (phase and counts). */
    public boolean matches(ParallelJobStatus s) {
        return s != null && phase.equals(s.getPhase()) && s.getItems() != null && s.getItems().getTotal() == total
                && s.getItems().getSucceeded() == succeeded && s.getItems().getFailed() == failed;
    }

    public String toJson() {
        try {
            return ReportLine.JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null for a missing or unreadable record (someone edited it): then nothing is restored. */
    public static FinalRecord parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return ReportLine.JSON.readValue(json, FinalRecord.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
