package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Every shard of the job by phase, listed or not: status lists only some shards (see shardsOmitted). */
public class ShardCounts {
    @JsonPropertyDescription("Shards in all (Auto's probe included).")
    private int total;
    private int pending;
    private int running;
    private int succeeded;
    private int failed;

    public ShardCounts() {
    }

    public ShardCounts(int total, int pending, int running, int succeeded, int failed) {
        this.total = total;
        this.pending = pending;
        this.running = running;
        this.succeeded = succeeded;
        this.failed = failed;
    }

    public int getTotal() { return total; }
    public void setTotal(int total) { this.total = total; }
    public int getPending() { return pending; }
    public void setPending(int pending) { this.pending = pending; }
    public int getRunning() { return running; }
    public void setRunning(int running) { this.running = running; }
    public int getSucceeded() { return succeeded; }
    public void setSucceeded(int succeeded) { this.succeeded = succeeded; }
    public int getFailed() { return failed; }
    public void setFailed(int failed) { this.failed = failed; }
}
