package io.paralleljob.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One line of a runner's report stream (JSON Lines on its stdout): an item as soon as it finishes,
 * then a closing summary. Streaming per item means a runner that dies mid-shard still leaves
 * every finished item's result with whoever reads the stream.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportLine(ItemRun item, ShardDone done) {

    /** The last line: the shard ran all its items. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShardDone(int shard, int items, int failed) {
    }

    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a line; anything that is not a report line (a stray print) yields null. */
    public static ReportLine parse(String line) {
        if (line == null || !line.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readValue(line, ReportLine.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
