package io.paralleljob.model;

/** One unit of work: its position in the job's list and its value (PJ_ITEM_INDEX and PJ_ITEM). */
public record WorkItem(int index, String value) {
}
