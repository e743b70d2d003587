package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The run measured: how long it took, how long a serial run would take, and how much CPU it used. */
public class Timing {
    @JsonPropertyDescription("First item start to last item end, in milliseconds.")
    private long wallMillis;
    @JsonPropertyDescription("Sum of item durations: what a serial run would take.")
    private long itemMillisSum;
    @JsonPropertyDescription("itemMillisSum / wallMillis.")
    private double speedup;
    @JsonPropertyDescription("CPU time (user + system) the items' processes consumed.")
    private long cpuMillis;
    @JsonPropertyDescription("cpuMillis / itemMillisSum: near 1 for CPU-bound work, near 0 for I/O-bound work.")
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
    public double getSpeedup() { return speedup; }
    public void setSpeedup(double speedup) { this.speedup = speedup; }
    public long getCpuMillis() { return cpuMillis; }
    public void setCpuMillis(long cpuMillis) { this.cpuMillis = cpuMillis; }
    public double getCpuUtilization() { return cpuUtilization; }
    public void setCpuUtilization(double cpuUtilization) { this.cpuUtilization = cpuUtilization; }
    public long getItemMillisP50() { return itemMillisP50; }
    public void setItemMillisP50(long itemMillisP50) { this.itemMillisP50 = itemMillisP50; }
    public long getItemMillisP95() { return itemMillisP95; }
    public void setItemMillisP95(long itemMillisP95) { this.itemMillisP95 = itemMillisP95; }
    public long getItemMillisMax() { return itemMillisMax; }
    public void setItemMillisMax(long itemMillisMax) { this.itemMillisMax = itemMillisMax; }
}
