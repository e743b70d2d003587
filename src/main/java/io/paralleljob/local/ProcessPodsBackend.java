package io.paralleljob.local;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.plan.RunnerArgs;
import io.paralleljob.plan.ShardPlan;
import io.paralleljob.plan.WorkItems;
import io.paralleljob.runner.ShardRunner;
import io.paralleljob.runner.Shutdown;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Strategy Pods on this machine: each shard of the plan run by a separate runner process, started
 * as a worker pod is: the job-wide task file plus {@code --shard s --shards n --threads 1} (and
 * {@code --exclude} for Auto's sample), so the runner picks its own items by the plan's rule.
 * Results stream back per item, so a runner that dies loses only the items it had not finished,
 * and those are reported as failed with the reason.
 */
final class ProcessPodsBackend implements LocalBackend {
    private final PodTask task;
    private final ShardPlan plan;
    private final List<ShardProcess> running = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean cancelled;
    private static final long STOP_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(3);

    /**
     * Runner processes alive at once: each is a JVM (about 60 MB resident) plus its item, so one per
     * shard would not scale (parallelism may be 10 000; 60 at once used 3.6 GiB). Two per CPU keeps
     * every core busy while one runner starts or reads its item's output, and memory bounds it too.
     */
    static int maxRunners() {
        int byCpu = 2 * Runtime.getRuntime().availableProcessors();
        long free = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getFreeMemorySize() : Long.MAX_VALUE;
        long byMemory = free / RUNNER_MEMORY_BYTES;
        return (int) Math.max(1, Math.min(byCpu, byMemory));
    }

    /** What one runner process may take: its 128 MiB heap, the JVM's own memory and its item's process. */
    private static final long RUNNER_MEMORY_BYTES = 256L * 1024 * 1024;

    private final int maxRunners;

    /** @param task the job-wide task, with local mode's literal env in it */
    ProcessPodsBackend(PodTask task, ShardPlan plan) {
        this(task, plan, maxRunners());
    }

    /** @param maxRunners runner processes alive at once */
    ProcessPodsBackend(PodTask task, ShardPlan plan, int maxRunners) {
        this.task = task;
        this.plan = plan;
        this.maxRunners = maxRunners;
    }

    /**
     * @return how many items reached the listener; their results are not kept here (the listener
     *         gathers them), only which items each runner reported, so a lost runner's rest is known
     */
    int run(ShardRunner.Listener listener) throws InterruptedException {
        List<List<Integer>> shards = plan.all();
        if (shards.stream().allMatch(List::isEmpty)) {
            return 0;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("paralleljob-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a work directory: " + e.getMessage(), e);
        }
        WorkItems items = WorkItems.from(task);
        try {
            // One task file for every runner, as one ConfigMap serves every pod of a job.
            Path taskFile = write(dir.resolve("task.json"));
            // At most maxRunners at once; the next starts when one exits (as pods wait for room on a node).
            java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(maxRunners);
            for (int s = 0; s < shards.size(); s++) {
                if (shards.get(s).isEmpty()) {
                    continue; // as the operator does: a shard that owns nothing gets no runner
                }
                slots.acquire();
                synchronized (running) { // a stop that came first must not miss a runner started after it
                    if (cancelled || Shutdown.started()) {
                        throw new InterruptedException("cancelled");
                    }
                    ShardProcess started = ShardProcess.start(s, shards.get(s), items,
                            RunnerProcess.command(taskFile, RunnerArgs.shard(plan, s)), dir, listener);
                    running.add(started);
                    started.process.onExit().thenRun(slots::release);
                }
            }
            int all = 0;
            for (ShardProcess p : List.copyOf(running)) {
                all += p.await(() -> cancelled || Shutdown.started());
            }
            if (cancelled || Shutdown.started()) {
                // Runners killed by our own stop: what they did not report is unfinished, not failed.
                throw new InterruptedException("cancelled");
            }
            return all;
        } finally {
            stopAll(); // after a normal end none is alive; after an error or interruption, stops the rest
            deleteQuietly(dir);
        }
    }

    @Override
    public void cancel() {
        synchronized (running) {
            cancelled = true;
        }
        stopAll();
    }

    /**
     * Stops every runner the way a kubelet stops a pod: SIGTERM, a grace period, then SIGKILL.
     * SIGTERM lets a runner mark itself stopping before it kills its items, so it reports them as
     * unfinished. Killing the items from here first let a busy runner report each one as a failed
     * item (exit 137, no output) in the moment before its own SIGKILL.
     */
    private void stopAll() {
        List<ShardProcess> all;
        synchronized (running) {
            all = List.copyOf(running);
        }
        all.forEach(ShardProcess::askToStop);
        long until = System.nanoTime() + STOP_GRACE_NANOS;
        all.forEach(p -> p.killIfAliveAt(until));
    }

    private Path write(Path taskFile) {
        try {
            ReportLine.JSON.writeValue(taskFile.toFile(), task);
            return taskFile;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the task file: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** One runner child process and the thread reading its report stream. */
    private static final class ShardProcess {
        private final int shard;
        /** The shard's items by the plan: what the runner should report, and what ShardLoss accounts for. */
        private final List<Integer> assigned;
        private final WorkItems items;
        private final Process process;
        private final Path stderrFile;
        /** Which items the runner reported (their results went to the listener). */
        private final java.util.BitSet reported = new java.util.BitSet();
        private final ShardRunner.Listener listener;
        private final Thread reader;
        /** Its item processes as they were when asked to stop: any still alive after the grace period are killed. */
        private volatile List<ProcessHandle> itemsAtStop = List.of();

        private ShardProcess(int shard, List<Integer> assigned, WorkItems items, Process process, Path stderrFile,
                ShardRunner.Listener listener) {
            this.shard = shard;
            this.assigned = assigned;
            this.items = items;
            this.process = process;
            this.stderrFile = stderrFile;
            this.listener = listener;
            this.reader = new Thread(() -> read(listener), "pj-shard-" + shard);
            reader.setDaemon(true);
            reader.start();
        }

        static ShardProcess start(int shard, List<Integer> assigned, WorkItems items, List<String> command, Path dir,
                ShardRunner.Listener listener) {
            Path stderrFile = dir.resolve("shard-" + shard + ".stderr");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectError(stderrFile.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                        .start();
                return new ShardProcess(shard, assigned, items, p, stderrFile, listener);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the runner for shard " + shard + ": "
                        + e.getMessage(), e);
            }
        }

        private void read(ShardRunner.Listener listener) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    ReportLine r = ReportLine.parse(line);
                    if (r != null && r.item() != null) {
                        synchronized (reported) {
                            reported.set(r.item().index());
                        }
                        listener.onItem(r.item());
                    }
                }
            } catch (IOException ignored) {
                // the process died; await() accounts for what it did not report
            }
        }

        /**
         * @param stopping true when we stopped the runner ourselves: its unreported items are unfinished, not failed
         * @return how many of its items reached the listener, lost ones included
         */
        int await(java.util.function.BooleanSupplier stopping) throws InterruptedException {
            int exit = process.waitFor();
            reader.join();
            java.util.BitSet seen;
            synchronized (reported) {
                seen = (java.util.BitSet) reported.clone();
            }
            int count = seen.cardinality();
            if (count < assigned.size() && !stopping.getAsBoolean()) {
                List<ItemRun> lost = ShardLoss.unreported(items, shard, assigned, seen::get, "runner for shard " + shard
                        + " exited with code " + exit + " before reporting this item" + stderrTail());
                // the listener is where the job's results are gathered: a lost item must reach it too
                lost.forEach(listener::onItem);
                count += lost.size();
            }
            return count;
        }

        private String stderrTail() {
            try {
                String text = Files.readString(stderrFile).strip();
                return text.isEmpty() ? "" : ": " + text.substring(Math.max(0, text.length() - 300));
            } catch (IOException e) {
                return "";
            }
        }

        void askToStop() {
            if (process.isAlive()) {
                itemsAtStop = process.descendants().toList();
                process.destroy(); // SIGTERM
            }
        }

        /** SIGKILL for a runner still alive at {@code deadlineNanos}, and for the items it leaves behind. */
        void killIfAliveAt(long deadlineNanos) {
            try {
                process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<ProcessHandle> items = new ArrayList<>(itemsAtStop);
            if (process.isAlive()) {
                // Listed before the runner dies: once it is gone they are no longer its descendants.
                items.addAll(process.descendants().toList());
                process.destroyForcibly();
            }
            items.forEach(ProcessHandle::destroyForcibly); // no-op for those the runner already stopped
        }
    }
}
