package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The integers in [start, end), each one item. */
@ValidationRule(value = "self.end > self.start", message = "end must be greater than start: [start, end) holds no item")
// The bounds on start and end keep this subtraction from overflowing.
@ValidationRule(value = "self.end - self.start <= " + Limits.MAX_ITEMS,
        message = "holds more than " + Limits.MAX_ITEMS + " items (end - start)")
public class ItemRange {
    @JsonPropertyDescription("First item, included.")
    @Required
    @Min(-Limits.MAX_RANGE_BOUND)
    @Max(Limits.MAX_RANGE_BOUND)
    private Long start;

    @JsonPropertyDescription("Last item, excluded.")
    @Required
    @Min(-Limits.MAX_RANGE_BOUND)
    @Max(Limits.MAX_RANGE_BOUND)
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
