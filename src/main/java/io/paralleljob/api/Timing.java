package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * The run measured. Every item's time is split three ways: on a CPU (cpuMillis), runnable but
 * waiting for a CPU (cpuWaitMillis) and blocked (the rest: I/O, sleep). Waiting for a CPU is time
 * parallelism did not buy, so the serial estimate and the speed-up leave it out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Timing {
    @JsonPropertyDescription("First item start to last item end, in milliseconds.")
    private long wallMillis;
    @JsonPropertyDescription("Sum of item durations as they ran, time spent waiting for a CPU included.")
    private long itemMillisSum;
    @JsonPropertyDescription("What the items would take one at a time on a free CPU: itemMillisSum - cpuWaitMillis "
            + "(per item, never below the item's own CPU time, which a multi-threaded item's waits can exceed).")
    private long serialMillis;
    @JsonPropertyDescription("serialMillis / wallMillis: what parallelism really bought. Time items spent queueing "
            + "for a CPU does not count, so threads sharing one CPU show about 1.")
    private double speedup;
    @JsonPropertyDescription("itemMillisSum / wallMillis: how many items were in flight on average (running or "
            + "waiting for a CPU).")
    private double concurrency;
    @JsonPropertyDescription("CPU time (user + system) the items' processes consumed, their children included "
            + "(10 ms resolution).")
    private long cpuMillis;
    @JsonPropertyDescription("Time the items' processes (children and threads included) were runnable but waiting "
            + "for a CPU: the run queue of a busy node, or a CPU limit's throttling. From /proc/PID/schedstat, sampled "
            + "every 10 ms while an item runs, with the wait of the runner thread that starts and collects each item. With cpuWaitMeasured false it covers only the items measured (absent "
            + "when none was).")
    private Long cpuWaitMillis;
    @JsonPropertyDescription("False when some or all items' CPU wait could not be measured (no /proc/PID/schedstat "
            + "where they ran): their waiting then counts as item time, so serialMillis and speedup are upper "
            + "bounds and cpuUtilization a lower bound.")
    private boolean cpuWaitMeasured;
    @JsonPropertyDescription("The rest of the items' time, blocked on I/O or sleeping: per item, duration - CPU - "
            + "CPU wait, never below 0.")
    private long blockedMillis;
    @JsonPropertyDescription("cpuMillis / serialMillis: near 1 for computing work, near 0 for waiting work, whatever "
            + "the contention for CPUs was.")
    private double cpuUtilization;
    @JsonPropertyDescription("Median item duration in milliseconds.")
    private long itemMillisP50;
    @JsonPropertyDescription("95th percentile item duration in milliseconds.")
    private long itemMillisP95;
    @JsonPropertyDescription("Longest item duration in milliseconds.")
    private long itemMillisMax;

    public long getWallMillis() { return wallMillis; }
    public void setWallMillis(long wallMillis) { this.wallMillis = wallMillis; }
    public long getItemMillisSum() { return itemMillisSum; }
    public void setItemMillisSum(long itemMillisSum) { this.itemMillisSum = itemMillisSum; }
    public long getSerialMillis() { return serialMillis; }
    public void setSerialMillis(long serialMillis) { this.serialMillis = serialMillis; }
    public double getSpeedup() { return speedup; }
    public void setSpeedup(double speedup) { this.speedup = speedup; }
    public double getConcurrency() { return concurrency; }
    public void setConcurrency(double concurrency) { this.concurrency = concurrency; }
    public long getCpuMillis() { return cpuMillis; }
    public void setCpuMillis(long cpuMillis) { this.cpuMillis = cpuMillis; }
    public Long getCpuWaitMillis() { return cpuWaitMillis; }
    public void setCpuWaitMillis(Long cpuWaitMillis) { this.cpuWaitMillis = cpuWaitMillis; }
    public boolean isCpuWaitMeasured() { return cpuWaitMeasured; }
    public void setCpuWaitMeasured(boolean cpuWaitMeasured) { this.cpuWaitMeasured = cpuWaitMeasured; }
    public long getBlockedMillis() { return blockedMillis; }
    public void setBlockedMillis(long blockedMillis) { this.blockedMillis = blockedMillis; }
    public double getCpuUtilization() { return cpuUtilization; }
    public void setCpuUtilization(double cpuUtilization) { this.cpuUtilization = cpuUtilization; }
    public long getItemMillisP50() { return itemMillisP50; }
    public void setItemMillisP50(long itemMillisP50) { this.itemMillisP50 = itemMillisP50; }
    public long getItemMillisP95() { return itemMillisP95; }
    public void setItemMillisP95(long itemMillisP95) { this.itemMillisP95 = itemMillisP95; }
    public long getItemMillisMax() { return itemMillisMax; }
    public void setItemMillisMax(long itemMillisMax) { this.itemMillisMax = itemMillisMax; }
}
