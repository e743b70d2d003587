package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One item's outcome as shown in status. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ItemResult {
    private long index;
    private String item;
    @JsonPropertyDescription("The command's exit code; absent when it could not be started.")
    private Integer exitCode;
    @JsonPropertyDescription("The command's standard output, trimmed and bounded.")
    private String output;
    private long durationMillis;
    @JsonPropertyDescription("CPU time attributed to this item (10 ms resolution).")
    private Long cpuMillis;
    @JsonPropertyDescription("Time this item's processes were runnable but waiting for a CPU (run queue, CPU-limit "
            + "throttling), from /proc/PID/schedstat; absent where it could not be measured.")
    private Long cpuWaitMillis;
    @JsonPropertyDescription("How many times the item ran (1 + retries used).")
    private Integer attempts;
    @JsonPropertyDescription("The end of standard error, for failed items.")
    private String stderr;
    @JsonPropertyDescription("Why the item failed when the command itself could not run.")
    private String error;
    @JsonPropertyDescription("The shard (pod) that ran the item.")
    private Integer shard;

    public long getIndex() { return index; }
    public void setIndex(long index) { this.index = index; }
    public String getItem() { return item; }
    public void setItem(String item) { this.item = item; }
    public Integer getExitCode() { return exitCode; }
    public void setExitCode(Integer exitCode) { this.exitCode = exitCode; }
    public String getOutput() { return output; }
    public void setOutput(String output) { this.output = output; }
    public long getDurationMillis() { return durationMillis; }
    public void setDurationMillis(long durationMillis) { this.durationMillis = durationMillis; }
    public Long getCpuMillis() { return cpuMillis; }
    public void setCpuMillis(Long cpuMillis) { this.cpuMillis = cpuMillis; }
    public Long getCpuWaitMillis() { return cpuWaitMillis; }
    public void setCpuWaitMillis(Long cpuWaitMillis) { this.cpuWaitMillis = cpuWaitMillis; }
    public Integer getAttempts() { return attempts; }
    public void setAttempts(Integer attempts) { this.attempts = attempts; }
    public String getStderr() { return stderr; }
    public void setStderr(String stderr) { this.stderr = stderr; }
    public String getError() { return error; }
    public void setError(String error) { this.error = error; }
    public Integer getShard() { return shard; }
    public void setShard(Integer shard) { this.shard = shard; }
}
