package io.paralleljob.local;

import io.paralleljob.model.PodTask;
import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.plan.ShardPlan;
import io.paralleljob.plan.WorkItems;
import io.paralleljob.runner.ShardRunner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Strategy Pods on this machine. Each shard of the plan is what a worker pod would run: its items
 * picked by the runner's own arguments ({@link RunnerArgs#shard}) from the job-wide task, run by a
 * shard runner with the plan's threads per shard, each item its own child process. The "pods"
 * live in this process: a runner JVM per shard cost 0.3-0.5 s of CPU each to start, which made
 * local Pods twice as slow as Threads on the same CPU-bound items, and every item is a separate
 * process either way, so items still use every core. What a pod's CPU limit does to threads is
 * a cluster matter (see the README); locally the two strategies differ only in how items are
 * shared out.
 */
final class LocalPodsBackend implements LocalBackend {
    private final PodTask task;
    private final ShardPlan plan;
    private final List<ShardRunner> runners = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean cancelled;

    /** @param task the job-wide task, with local mode's literal env in it */
    LocalPodsBackend(PodTask task, ShardPlan plan) {
        this.task = task;
        this.plan = plan;
    }

    /** Runs every shard; each result goes to the listener as its item finishes, and is not kept here. */
    void run(ShardRunner.Listener listener) throws InterruptedException {
        WorkItems items = WorkItems.from(task);
        List<Pod> shards = new ArrayList<>();
        for (int s = 0; s < plan.shards(); s++) {
            RunnerArgs args = RunnerArgs.parse(withTask(RunnerArgs.shard(plan, s)));
            var mine = items.select(args.indexes(task.total(), task.runOnlyIndexes()));
            if (!mine.isEmpty()) { // as the operator does: a shard that owns nothing gets no pod
                ShardRunner runner = new ShardRunner(task.command(), args.threads(), task.retries());
                runners.add(runner);
                shards.add(() -> runner.run(mine, args.itemShard(), listener));
            }
        }
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
        ExecutorService pods = Executors.newFixedThreadPool(Math.max(1, shards.size()), r -> {
            Thread t = new Thread(r, "pj-local-pod");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ShardRunner.Outcome>> running = new ArrayList<>();
            shards.forEach(shard -> running.add(pods.submit(shard::run)));
            for (Future<ShardRunner.Outcome> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException stopped) {
                        throw stopped;
                    }
                    throw new IllegalStateException("a local pod failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pods.shutdownNow();
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        synchronized (runners) {
            runners.forEach(ShardRunner::cancel);
        }
    }

    /** The runner's argument list as a pod gets it; the task is already here, so its file is not read. */
    private static List<String> withTask(List<String> shardArgs) {
        List<String> all = new ArrayList<>(List.of("--task", "(in process)"));
        all.addAll(shardArgs);
        return all;
    }

    /** One local pod's work. */
    private interface Pod {
        ShardRunner.Outcome run() throws InterruptedException;
    }
}
