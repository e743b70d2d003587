package io.paralleljob.api;

/** How many items there are and how many have finished each way. */
public class ItemCounts {
    private long total;
    private long succeeded;
    private long failed;

    public ItemCounts() {
    }

    public ItemCounts(long total, long succeeded, long failed) {
        this.total = total;
        this.succeeded = succeeded;
        this.failed = failed;
    }

    public long getTotal() { return total; }
    public void setTotal(long total) { this.total = total; }
    public long getSucceeded() { return succeeded; }
    public void setSucceeded(long succeeded) { this.succeeded = succeeded; }
    public long getFailed() { return failed; }
    public void setFailed(long failed) { this.failed = failed; }
}
