package io.paralleljob.runner;

import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a list of items with a fixed number of threads, one item per thread at a time. This is
 * the code a worker pod runs, and local mode's Threads strategy runs it in-process. A command that
 * cannot be started at all stops the run after that item: the rest would fail the same way.
 *
 * <p>Results stream out: each one goes to the listener as soon as its item finishes and is not
 * kept here, and each thread takes the next item only when it is free (no task or future per
 * item is queued up front). So a shard's memory does not grow with its item count: 20 000 items
 * with 4 KiB outputs run in a 64 MiB heap (the runner kept them all before, and a worker ran out
 * of memory after 14 336 of them).
 */
public final class ShardRunner {
    /** Told about every item as soon as it finishes, from the item's thread. */
    public interface Listener {
        void onItem(ItemRun run);
    }

    /** How a run went: its items with a result, and how many of those failed. */
    public record Outcome(int items, int failed) {
    }

    private final ItemExecutor executor;
    private final CommandTemplate command;
    private final int retries;
    private final int threads;
    /** Stream delivery: each thread's worker, for {@link #cancel}. */
    private final java.util.Set<ItemSlot> slots = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The current run's items and the position of the next one to start, for {@link #drain}. */
    private volatile List<WorkItem> current = List.of();
    private volatile AtomicInteger cursor;

    public ShardRunner(CommandTemplate command, int threads, int retries) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.executor = new ItemExecutor(command, retries);
        this.command = command;
        this.retries = retries;
        this.threads = threads;
    }

    /**
     * Runs every item, telling the listener of each; items that fail do not stop the others.
     *
     * @param items read by position as threads get free: a lazy list (see WorkItems.select) costs
     *              nothing per item until its turn
     */
    public Outcome run(List<WorkItem> items, Integer shard, Listener listener) throws InterruptedException {
        if (items.isEmpty()) {
            return new Outcome(0, 0);
        }
        AtomicInteger next = new AtomicInteger();
        current = items;
        cursor = next;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Throwable> stopped = new AtomicReference<>();
        List<Thread> pool = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, items.size()); t++) {
            ItemSlot slot = slot(t);
            Thread worker = new Thread(() -> {
                try {
                    for (int i; stopped.get() == null && (i = next.getAndIncrement()) < items.size(); ) {
                        ItemRun run = runGuarded(slot, items.get(i), shard);
                        done.incrementAndGet();
                        if (!run.succeeded()) {
                            failed.incrementAndGet();
                        }
                        if (run.commandCannotStart()) {
                            // Fail fast: the command will not start for the next item either.
                            next.set(items.size());
                        }
                        listener.onItem(run);
                    }
                } catch (InterruptedException | RuntimeException | Error e) {
                    // The first reason to stop wins; the other threads finish their item and stop too.
                    stopped.compareAndSet(null, e);
                } finally {
                    slot.close();
                    slots.remove(slot);
                }
            }, "pj-item-" + (t + 1));
            worker.setDaemon(true);
            pool.add(worker);
            worker.start();
        }
        try {
            for (Thread worker : pool) {
                worker.join();
            }
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
        Throwable why = stopped.get();
        if (why instanceof InterruptedException stopping) {
            throw stopping;
        }
        if (why != null) {
            throw new IllegalStateException("an item thread failed: " + why, why);
        }
        return new Outcome(done.get(), failed.get());
    }

    /**
     * From now on no item starts; running items finish and are reported, and {@link #run} returns
     * once they have (Auto switching to Pods).
     *
     * @return the items of the run that no thread had started: each item is either started by a
     *         thread or returned here, never both (threads take positions from the same counter)
     */
    public List<WorkItem> drain() {
        AtomicInteger next = cursor;
        List<WorkItem> items = current;
        if (next == null) {
            return List.of();
        }
        int from = next.getAndSet(items.size());
        return from >= items.size() ? List.of() : new ArrayList<>(items.subList(from, items.size()));
    }

    /** Stops the run from another thread: running items are killed and left without a result. */
    public void cancel() {
        executor.cancel();
        slots.forEach(ItemSlot::cancel);
    }

    /** What thread {@code t} runs its items with: the shared per-item executor, or a Stream worker of its own. */
    private ItemSlot slot(int t) {
        if (!command.streams()) {
            return executor;
        }
        ItemSlot worker = new StreamWorker(command, retries, t);
        slots.add(worker);
        return worker;
    }

    /** A bug in the runner itself still yields a failed item with the reason, never a lost one. */
    private static ItemRun runGuarded(ItemSlot slot, WorkItem item, Integer shard) throws InterruptedException {
        long start = System.currentTimeMillis();
        long threadWait = RunnerThreadWait.nanos();
        try {
            // This thread's own queueing for a CPU while it started and collected the item is part
            // of the item's duration, and no more work than its processes' own (RunnerThreadWait).
            return slot.run(item, shard).withCpuWaitAdded(RunnerThreadWait.millisSince(threadWait));
        } catch (RuntimeException e) {
            return new ItemRun(item.index(), item.value(), null, "", null, "runner error: " + e, start,
                    System.currentTimeMillis() - start, null, 1, shard);
        }
    }
}
