package io.paralleljob.local;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import io.paralleljob.runner.ShardRunner;
import java.util.List;

/** Runs a set of items on this machine and tells the listener about each as it finishes. */
interface LocalBackend {
    List<ItemRun> run(List<WorkItem> items, ShardRunner.Listener listener) throws InterruptedException;

    /** Stops a run in progress (deadline, interruption): its unfinished items get no result. */
    void cancel();
}
