package io.paralleljob.local;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import io.paralleljob.runner.ShardRunner;
import java.util.List;

/** Strategy Threads on this machine: the runner in this process, one shard, N threads (the worker pod's job). */
final class ThreadsBackend implements LocalBackend {
    private final ShardRunner runner;
    private final Integer shard;

    ThreadsBackend(CommandTemplate command, int threads, int retries, Integer shard) {
        this.runner = new ShardRunner(command, threads, retries);
        this.shard = shard;
    }

    @Override
    public void cancel() {
        runner.cancel();
    }

    @Override
    public List<ItemRun> run(List<WorkItem> items, ShardRunner.Listener listener) throws InterruptedException {
        return runner.run(items, shard, listener);
    }
}
