package io.paralleljob.runner;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a list of items with a fixed number of threads, one item per thread at a time. This is
 * the code a worker pod runs, and local mode's Threads strategy runs it in-process.
 */
public final class ShardRunner {
    /** Told about every item as soon as it finishes, from the item's thread. */
    public interface Listener {
        void onItem(ItemRun run);
    }

    private final ItemExecutor executor;
    private final int threads;
    private volatile boolean draining;
    /** Indexes of the current run's items that a thread started, or that {@link #drain} took back. */
    private final java.util.Set<Integer> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile List<WorkItem> current = List.of();

    public ShardRunner(CommandTemplate command, int threads, int retries) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.executor = new ItemExecutor(command, retries);
        this.threads = threads;
    }

    /** Runs every item; returns their outcomes sorted by index. Items that fail do not stop the others. */
    public List<ItemRun> run(List<WorkItem> items, Integer shard, Listener listener) throws InterruptedException {
        if (items.isEmpty()) {
            return List.of();
        }
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "pj-item-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<ItemRun> done = Collections.synchronizedList(new ArrayList<>(items.size()));
        current = items;
        try {
            List<Future<?>> futures = new ArrayList<>(items.size());
            for (WorkItem item : items) {
                futures.add(pool.submit(() -> {
                    if (draining || !claimed.add(item.index())) {
                        return null; // taken back by drain(): whoever drained the run has it run elsewhere
                    }
                    ItemRun run = runGuarded(item, shard);
                    done.add(run);
                    listener.onItem(run);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException stopping) {
                        throw stopping;
                    }
                    throw new IllegalStateException("item listener failed", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<ItemRun> sorted = new ArrayList<>(done);
        sorted.sort(Comparator.comparingInt(ItemRun::index));
        return sorted;
    }

    /**
     * From now on no item starts; running items finish and are reported, and {@link #run} returns
     * once they have.
     *
     * @return the items of the run that no thread had started: each item is either started by a
     *         thread or returned here, never both
     */
    public List<WorkItem> drain() {
        draining = true;
        List<WorkItem> notStarted = new ArrayList<>();
        for (WorkItem item : current) {
            if (claimed.add(item.index())) {
                notStarted.add(item);
            }
        }
        return notStarted;
    }

    /** Stops the run from another thread: running items are killed and left without a result. */
    public void cancel() {
        executor.cancel();
    }

    /** A bug in the runner itself still yields a failed item with the reason, never a lost one. */
    private ItemRun runGuarded(WorkItem item, Integer shard) throws InterruptedException {
        long start = System.currentTimeMillis();
        try {
            return executor.run(item, shard);
        } catch (RuntimeException e) {
            return new ItemRun(item.index(), item.value(), null, "", null, "runner error: " + e, start,
                    System.currentTimeMillis() - start, null, 1, shard);
        }
    }
}
