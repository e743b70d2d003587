package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What happened: built only by aggregate.StatusBuilder, the same way in local mode and in the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ParallelJobStatus {
    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    private String phase;
    @JsonPropertyDescription("The fan-out used: Threads (one pod) or Pods (many pods).")
    private String strategy;
    @JsonPropertyDescription("Items finished out of the total, as done/total.")
    private String progress;
    @JsonPropertyDescription("The metadata.generation this status describes.")
    private Long observedGeneration;
    private ItemCounts items;
    @JsonPropertyDescription("When the job started (RFC 3339): in a cluster when the operator took it on, before any "
            + "pod was scheduled; locally when the run began.")
    private String startTime;
    @JsonPropertyDescription("When the job finished (RFC 3339).")
    private String completionTime;
    @JsonPropertyDescription("From startTime to completion (or to the last status write while it runs), human "
            + "readable (e.g. 1m4s).")
    private String duration;
    @JsonPropertyDescription("The run measured: every item's time split into on a CPU, waiting for a CPU and blocked; "
            + "serial estimate, speed-up and CPU use from that split.")
    private Timing timing;
    @JsonPropertyDescription("With workload Auto: what the sample measured and the strategy it chose.")
    private AutoDecision decision;
    @JsonPropertyDescription("Per-item results, by index; bounded, see resultsOmitted.")
    private List<ItemResult> results = new ArrayList<>();
    @JsonPropertyDescription("Results left out of status to keep the object small (failed items are kept first).")
    private Integer resultsOmitted;
    @JsonPropertyDescription("Indexes of the items that failed, as ranges (\"1,3-5,7\"); complete even when results "
            + "is trimmed.")
    private String failedIndexes;
    @JsonPropertyDescription("Indexes of the items that succeeded, as ranges (\"0,2,6-9\"); complete even when results "
            + "is trimmed.")
    private String completedIndexes;
    @JsonPropertyDescription("Where every item's full result is kept (the results ledger); read it with the results "
            + "command.")
    private ResultsRef resultsRef;
    @JsonPropertyDescription("Worker pods by shard (cluster mode); bounded: unfinished shards first, see shardsOmitted.")
    private List<ShardStatus> shards;
    @JsonPropertyDescription("Shards left out of shards to keep the object small; shardCounts counts them all.")
    private Integer shardsOmitted;
    @JsonPropertyDescription("Every shard by phase (cluster mode).")
    private ShardCounts shardCounts;
    @JsonPropertyDescription("Worker pods that failed and counted against spec.backoffLimit.")
    private Integer failedPods;
    @JsonPropertyDescription("Worker pods lost to disruptions (eviction, preemption, node loss); not counted.")
    private Integer disruptedPods;
    @JsonPropertyDescription("Kubernetes-style conditions; Complete or Failed at the end, as a batch/v1 Job has. "
            + "CPUStarved is True when items spent at least 25% of their time waiting for a CPU (its message says why "
            + "and what helps).")
    private List<Condition> conditions = new ArrayList<>();

    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public String getStrategy() { return strategy; }
    public void setStrategy(String strategy) { this.strategy = strategy; }
    public String getProgress() { return progress; }
    public void setProgress(String progress) { this.progress = progress; }
    public Long getObservedGeneration() { return observedGeneration; }
    public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
    public ItemCounts getItems() { return items; }
    public void setItems(ItemCounts items) { this.items = items; }
    public String getStartTime() { return startTime; }
    public void setStartTime(String startTime) { this.startTime = startTime; }
    public String getCompletionTime() { return completionTime; }
    public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
    public String getDuration() { return duration; }
    public void setDuration(String duration) { this.duration = duration; }
    public Timing getTiming() { return timing; }
    public void setTiming(Timing timing) { this.timing = timing; }
    public AutoDecision getDecision() { return decision; }
    public void setDecision(AutoDecision decision) { this.decision = decision; }
    public List<ItemResult> getResults() { return results; }
    public void setResults(List<ItemResult> results) { this.results = results; }
    public Integer getResultsOmitted() { return resultsOmitted; }
    public void setResultsOmitted(Integer resultsOmitted) { this.resultsOmitted = resultsOmitted; }
    public String getFailedIndexes() { return failedIndexes; }
    public void setFailedIndexes(String failedIndexes) { this.failedIndexes = failedIndexes; }
    public String getCompletedIndexes() { return completedIndexes; }
    public void setCompletedIndexes(String completedIndexes) { this.completedIndexes = completedIndexes; }
    public ResultsRef getResultsRef() { return resultsRef; }
    public void setResultsRef(ResultsRef resultsRef) { this.resultsRef = resultsRef; }
    public List<ShardStatus> getShards() { return shards; }
    public void setShards(List<ShardStatus> shards) { this.shards = shards; }
    public Integer getShardsOmitted() { return shardsOmitted; }
    public void setShardsOmitted(Integer shardsOmitted) { this.shardsOmitted = shardsOmitted; }
    public ShardCounts getShardCounts() { return shardCounts; }
    public void setShardCounts(ShardCounts shardCounts) { this.shardCounts = shardCounts; }
    public Integer getFailedPods() { return failedPods; }
    public void setFailedPods(Integer failedPods) { this.failedPods = failedPods; }
    public Integer getDisruptedPods() { return disruptedPods; }
    public void setDisruptedPods(Integer disruptedPods) { this.disruptedPods = disruptedPods; }
    public List<Condition> getConditions() { return conditions; }
    public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
}
