package io.paralleljob.runner;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;

/** What one of a shard's threads runs its items with: a process per item, or its own Stream worker. */
interface ItemSlot {
    /** Runs one item to its result, retries included. */
    ItemRun run(WorkItem item, Integer shard) throws InterruptedException;

    /** The thread has no more items. */
    default void close() {
    }

    /** Stops from another thread: what runs is killed, no attempt starts. */
    void cancel();
}
