package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** The integers in [start, end), each one item. */
public class ItemRange {
    @JsonPropertyDescription("First item, included.")
    @Required
    private Long start;

    @JsonPropertyDescription("Last item, excluded.")
    @Required
    private Long end;

    public ItemRange() {
    }

    public ItemRange(Long start, Long end) {
        this.start = start;
        this.end = end;
    }

    public Long getStart() { return start; }
    public void setStart(Long start) { this.start = start; }
    public Long getEnd() { return end; }
    public void setEnd(Long end) { this.end = end; }
}
