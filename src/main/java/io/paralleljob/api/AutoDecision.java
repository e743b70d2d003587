package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The evidence behind workload Auto's choice, so a user can see why it chose what it did. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AutoDecision {
    @JsonPropertyDescription("How many finished items the decision was taken from: the first to finish while the "
            + "job ran as Threads (their results count as part of the job).")
    private int sampleItems;
    @JsonPropertyDescription("When the decision was taken (RFC 3339); for Pods, the moment the job switched.")
    private String decidedAt;
    @JsonPropertyDescription("Items finished when the decision was taken; for Pods, the items not started by then "
            + "(and those in flight) went to the worker pods.")
    private Integer itemsDoneAtDecision;
    @JsonPropertyDescription("CPU time the sample's items consumed (user + system, their children included), in "
            + "milliseconds.")
    private long cpuMillis;
    @JsonPropertyDescription("Sum of the sample's item durations, in milliseconds.")
    private long itemMillisSum;
    @JsonPropertyDescription("Time the sample's processes were runnable but waiting for a CPU (run queue, CPU-limit "
            + "throttling), in milliseconds; absent where it could not be measured (no /proc/PID/schedstat).")
    private Long cpuWaitMillis;
    @JsonPropertyDescription("An estimate, not a measurement: the wait of short-lived processes the sampler never saw "
            + "(their CPU time times the wait per CPU millisecond of those it saw), in milliseconds; left out of "
            + "blockedMillis, counted in neither figure of status.timing.")
    private Long unseenWaitEstimateMillis;
    @JsonPropertyDescription("The rest of the sample's time: blocked on I/O, sleeping, waiting on the network "
            + "(itemMillisSum - cpuMillis - cpuWaitMillis - unseenWaitEstimateMillis, per item, never below 0), in "
            + "milliseconds.")
    private long blockedMillis;
    @JsonPropertyDescription("cpuMillis / (cpuMillis + blockedMillis): how much of the time they did not spend "
            + "waiting for a CPU the items computed. It does not depend on how busy the node was.")
    private double computingShare;
    @JsonPropertyDescription("At or above this computing share the work counts as CPU-bound.")
    private double threshold;
    @JsonPropertyDescription("CPUBound or IOBound, as measured.")
    private String workload;
    @JsonPropertyDescription("The strategy chosen: Pods for CPU-bound work, Threads for I/O-bound work.")
    private String strategy;
    @JsonPropertyDescription("The decision in words.")
    private String reason;

    public String getDecidedAt() { return decidedAt; }
    public void setDecidedAt(String decidedAt) { this.decidedAt = decidedAt; }
    public Integer getItemsDoneAtDecision() { return itemsDoneAtDecision; }
    public void setItemsDoneAtDecision(Integer itemsDoneAtDecision) { this.itemsDoneAtDecision = itemsDoneAtDecision; }
    public int getSampleItems() { return sampleItems; }
    public void setSampleItems(int sampleItems) { this.sampleItems = sampleItems; }
    public long getCpuMillis() { return cpuMillis; }
    public void setCpuMillis(long cpuMillis) { this.cpuMillis = cpuMillis; }
    public long getItemMillisSum() { return itemMillisSum; }
    public void setItemMillisSum(long itemMillisSum) { this.itemMillisSum = itemMillisSum; }
    public Long getUnseenWaitEstimateMillis() { return unseenWaitEstimateMillis; }
    public void setUnseenWaitEstimateMillis(Long unseenWaitEstimateMillis) { this.unseenWaitEstimateMillis = unseenWaitEstimateMillis; }
    public Long getCpuWaitMillis() { return cpuWaitMillis; }
    public void setCpuWaitMillis(Long cpuWaitMillis) { this.cpuWaitMillis = cpuWaitMillis; }
    public long getBlockedMillis() { return blockedMillis; }
    public void setBlockedMillis(long blockedMillis) { this.blockedMillis = blockedMillis; }
    public double getComputingShare() { return computingShare; }
    public void setComputingShare(double computingShare) { this.computingShare = computingShare; }
    public double getThreshold() { return threshold; }
    public void setThreshold(double threshold) { this.threshold = threshold; }
    public String getWorkload() { return workload; }
    public void setWorkload(String workload) { this.workload = workload; }
    public String getStrategy() { return strategy; }
    public void setStrategy(String strategy) { this.strategy = strategy; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
