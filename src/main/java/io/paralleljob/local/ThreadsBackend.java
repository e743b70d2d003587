package io.paralleljob.local;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.WorkItem;
import io.paralleljob.runner.ShardRunner;
import java.util.List;

/**
 * Items run by the runner in this process, as threads: local Threads' one shard (the worker pod's
 * job), and Auto's start.
 */
final class ThreadsBackend implements LocalBackend {
    private final ShardRunner runner;

    ThreadsBackend(CommandTemplate command, int threads, int retries) {
        this.runner = new ShardRunner(command, threads, retries);
    }

    @Override
    public void cancel() {
        runner.cancel();
    }

    /** No item starts from now on; those running finish and report (Auto switching to Pods). */
    List<WorkItem> drain() {
        return runner.drain();
    }

    /** @param shard the shard the items report */
    ShardRunner.Outcome run(List<WorkItem> items, Integer shard, ShardRunner.Listener listener)
            throws InterruptedException {
        return runner.run(items, shard, listener);
    }
}
