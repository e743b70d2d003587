package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The evidence behind workload Auto's choice, so a user can see why it chose what it did. */
public class AutoDecision {
    @JsonPropertyDescription("How many items the sample ran (their results count as part of the job).")
    private int sampleItems;
    @JsonPropertyDescription("CPU time the sample's items consumed, in milliseconds.")
    private long cpuMillis;
    @JsonPropertyDescription("Sum of the sample's item durations, in milliseconds.")
    private long itemMillisSum;
    @JsonPropertyDescription("cpuMillis / itemMillisSum of the sample.")
    private double cpuUtilization;
    @JsonPropertyDescription("CPU share one busy thread got where the sample ran (1 on an idle core, less when "
            + "throttled by a CPU limit or sharing a busy node).")
    private double cpuCapacity;
    @JsonPropertyDescription("cpuUtilization / cpuCapacity: how busy the items kept the CPU they could have had.")
    private double busyFraction;
    @JsonPropertyDescription("At or above this busy fraction the work counts as CPU-bound.")
    private double threshold;
    @JsonPropertyDescription("CPUBound or IOBound, as measured.")
    private String workload;
    @JsonPropertyDescription("The strategy chosen: Pods for CPU-bound work, Threads for I/O-bound work.")
    private String strategy;
    @JsonPropertyDescription("The decision in words.")
    private String reason;

    public int getSampleItems() { return sampleItems; }
    public void setSampleItems(int sampleItems) { this.sampleItems = sampleItems; }
    public long getCpuMillis() { return cpuMillis; }
    public void setCpuMillis(long cpuMillis) { this.cpuMillis = cpuMillis; }
    public long getItemMillisSum() { return itemMillisSum; }
    public void setItemMillisSum(long itemMillisSum) { this.itemMillisSum = itemMillisSum; }
    public double getCpuUtilization() { return cpuUtilization; }
    public void setCpuUtilization(double cpuUtilization) { this.cpuUtilization = cpuUtilization; }
    public double getCpuCapacity() { return cpuCapacity; }
    public void setCpuCapacity(double cpuCapacity) { this.cpuCapacity = cpuCapacity; }
    public double getBusyFraction() { return busyFraction; }
    public void setBusyFraction(double busyFraction) { this.busyFraction = busyFraction; }
    public double getThreshold() { return threshold; }
    public void setThreshold(double threshold) { this.threshold = threshold; }
    public String getWorkload() { return workload; }
    public void setWorkload(String workload) { this.workload = workload; }
    public String getStrategy() { return strategy; }
    public void setStrategy(String strategy) { this.strategy = strategy; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
