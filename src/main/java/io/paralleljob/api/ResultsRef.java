package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where every item's full result is kept, beyond the bounded list in status, and how much of it there is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResultsRef {
    @JsonPropertyDescription("ConfigMap (in a cluster: gzip'd JSON Lines in ConfigMaps owned by the job) or File "
            + "(local mode's --results file).")
    private String store;
    @JsonPropertyDescription("For ConfigMap: the label selector that finds the chunks; for File: the file's path.")
    private String location;
    @JsonPropertyDescription("How many chunks (ConfigMaps) hold the results.")
    private Integer chunks;
    @JsonPropertyDescription("How many item results the store holds.")
    private Long recorded;
    @JsonPropertyDescription("True once every finished item's result is in the store.")
    private Boolean complete;
    @JsonPropertyDescription("How to read every result.")
    private String command;

    public String getStore() { return store; }
    public void setStore(String store) { this.store = store; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public Integer getChunks() { return chunks; }
    public void setChunks(Integer chunks) { this.chunks = chunks; }
    public Long getRecorded() { return recorded; }
    public void setRecorded(Long recorded) { this.recorded = recorded; }
    public Boolean getComplete() { return complete; }
    public void setComplete(Boolean complete) { this.complete = complete; }
    public String getCommand() { return command; }
    public void setCommand(String command) { this.command = command; }
}
