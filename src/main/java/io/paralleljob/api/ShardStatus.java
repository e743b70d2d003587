package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One worker pod's share of the job, as the operator sees it (cluster mode only). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ShardStatus {
    @JsonPropertyDescription("auto (Auto's first pod, every item as Threads) or the shard number.")
    private String name;
    @JsonPropertyDescription("The shard's current (or last) worker pod.")
    private String pod;
    @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
    private String phase;
    @JsonPropertyDescription("Pods started for this shard (replacements included).")
    private int attempts;
    @JsonPropertyDescription("Items the shard owns.")
    private int items;
    @JsonPropertyDescription("Items of the shard with a result.")
    private int done;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getPod() { return pod; }
    public void setPod(String pod) { this.pod = pod; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public int getItems() { return items; }
    public void setItems(int items) { this.items = items; }
    public int getDone() { return done; }
    public void setDone(int done) { this.done = done; }
}
