package io.paralleljob.local;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.Strategy;
import io.paralleljob.api.Workload;
import io.paralleljob.model.CommandTemplate;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.Words;
import io.paralleljob.plan.AutoProbe;
import io.paralleljob.plan.JobPlan;
import io.paralleljob.plan.ShardPlan;
import io.paralleljob.runner.ShardRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a whole job on this machine with the strategy the job asks for. workload Auto costs no
 * sample phase: it starts as Threads with every item, and the first items to finish decide; for
 * CPU-bound work the Threads run is drained (no new item starts, those in flight finish) and the
 * items not started go to Pods. Every finished item is kept as it arrives, so {@link #snapshot}
 * can report a partial run (interrupted, past its deadline) without losing what finished.
 */
public final class LocalJobRunner {
    private final JobPlan plan;
    private final CommandTemplate command;
    private final ShardRunner.Listener progress;
    /** Told of every finished item before anything else (the --results file). */
    private final ShardRunner.Listener sink;
    private final List<ItemRun> runs = Collections.synchronizedList(new ArrayList<>());
    private volatile Strategy strategy;
    private volatile AutoDecision decision;
    /** Every backend started, so a stop reaches Auto's draining Threads run and its Pods run alike. */
    private final List<LocalBackend> backends = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private final Instant startedAt = Instant.now();
    /** Set by the first item whose command could not be started. */
    private volatile JobSnapshot.JobFailure commandFailure;
    private final io.paralleljob.model.CpuAllowance cpus = io.paralleljob.runner.CpuLimits.here();

    public LocalJobRunner(JobPlan plan, ShardRunner.Listener progress) {
        this(plan, progress, run -> { });
    }

    /** @param sink told of every finished item as it finishes, from the item's thread */
    public LocalJobRunner(JobPlan plan, ShardRunner.Listener progress, ShardRunner.Listener sink) {
        this.plan = plan;
        this.command = LocalCommand.of(plan);
        this.progress = progress;
        this.sink = sink;
    }

    public JobSnapshot run() throws InterruptedException {
        ShardRunner.Listener record = run -> {
            sink.onItem(run);
            runs.add(run);
            progress.onItem(run);
            if (run.commandCannotStart() && commandFailure == null) {
                // Every runner stops by itself after such an item; the job says why, once.
                commandFailure = JobSnapshot.JobFailure.commandCannotStart(run, null);
            }
        };
        if (plan.workload() == Workload.Auto) {
            runAuto(record);
            return snapshot(true, commandFailure);
        }
        strategy = plan.workload().strategy();
        ShardPlan shards = ShardPlan.of(plan, strategy, List.of());
        if (shards.strategy() == Strategy.Pods) {
            runPods(shards, record);
        } else {
            // Threads is one shard, run by the runner in this process as a worker pod's runner would.
            stage("Threads: " + Words.count(shards.threads(), "thread") + " in this process");
            start(new ThreadsBackend(command, shards.threads(), plan.retries()))
                    .run(plan.items().select(shards.indexes(0)), 0, record);
        }
        return snapshot(true, commandFailure);
    }

    private void runPods(ShardPlan shards, ShardRunner.Listener record) throws InterruptedException {
        stage("Pods: " + shards.shards() + " local pods, one thread each (every item its own process)");
        start(new LocalPodsBackend(plan.task(command.env()), shards)).run(record);
    }

    /**
     * Auto: every item as Threads, until the first {@link AutoProbe#SAMPLE_SIZE} to finish show
     * how the work spends its time. I/O-bound: the run simply goes on to the end. CPU-bound: no new
     * item starts as Threads, and the items not started go to Pods at once, while those in flight
     * finish where they are: no slot waits for the slowest of them.
     */
    private void runAuto(ShardRunner.Listener record) throws InterruptedException {
        stage("Auto: running as Threads; the first items to finish decide");
        ThreadsBackend threads = start(new ThreadsBackend(command, plan.parallelism(), plan.retries()));
        int need = Math.min(AutoProbe.SAMPLE_SIZE, plan.runCount());
        List<ItemRun> evidence = new ArrayList<>();
        java.util.concurrent.CompletableFuture<Void> pods = new java.util.concurrent.CompletableFuture<>();
        threads.run(plan.items().select(ShardPlan.of(plan, Strategy.Threads, List.of()).indexes(0)), 0, run -> {
            record.onItem(run);
            synchronized (evidence) {
                if (decision == null && run.cpuMillis() != null && evidence.add(run) && evidence.size() == need) {
                    decide(evidence, threads, record, pods);
                }
            }
        });
        synchronized (evidence) {
            if (decision == null) { // fewer measured items than the sample: decide from what there is
                decide(evidence, threads, record, pods);
            }
        }
        awaitPods(pods); // the switch's Pods run, if there was one, started while the Threads run drained
    }

    /** Called under the evidence lock, from the item thread that brought the last piece of evidence. */
    private void decide(List<ItemRun> evidence, ThreadsBackend threads, ShardRunner.Listener record,
            java.util.concurrent.CompletableFuture<Void> podsDone) {
        AutoDecision d = AutoProbe.decide(List.copyOf(evidence));
        d.setDecidedAt(io.paralleljob.aggregate.Rfc3339.format(Instant.now()));
        synchronized (runs) {
            d.setItemsDoneAtDecision(runs.size());
        }
        decision = d;
        strategy = Strategy.valueOf(d.getStrategy());
        stage(d.getReason());
        if (strategy != Strategy.Pods) {
            return;
        }
        java.util.Set<Integer> rest = new java.util.HashSet<>();
        threads.drain().forEach(item -> rest.add(item.index()));
        if (rest.isEmpty()) {
            return;
        }
        // The Pods plan excludes everything the Threads run started: the shards share out exactly the rest.
        List<Integer> startedAsThreads = java.util.stream.IntStream.range(0, plan.items().size())
                .filter(i -> plan.runs(i) && !rest.contains(i)).boxed().toList();
        ShardPlan shards = ShardPlan.of(plan, Strategy.Pods, startedAsThreads);
        Thread t = new Thread(() -> {
            try {
                runPods(shards, record);
                podsDone.complete(null);
            } catch (InterruptedException | RuntimeException e) {
                podsDone.completeExceptionally(e);
            }
        }, "pj-auto-pods");
        t.setDaemon(true);
        podsStarted = true;
        t.start();
    }

    private volatile boolean podsStarted;

    private void awaitPods(java.util.concurrent.CompletableFuture<Void> pods) throws InterruptedException {
        if (!podsStarted) {
            return;
        }
        try {
            pods.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof InterruptedException stopped) {
                throw stopped;
            }
            throw (RuntimeException) e.getCause();
        }
    }

    private <B extends LocalBackend> B start(B backend) throws InterruptedException {
        backends.add(backend);
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
        return backend;
    }

    /** Stops the run from another thread (deadline, signal): what finished is kept, the rest has no result. */
    public void cancel() {
        cancelled = true;
        backends.forEach(LocalBackend::cancel);
    }

    /** What has happened so far; safe to call from another thread while the job runs. */
    public JobSnapshot snapshot(boolean finished, JobSnapshot.JobFailure failure) {
        List<ItemRun> copy;
        synchronized (runs) {
            copy = new ArrayList<>(runs);
        }
        return new JobSnapshot(null, plan.runCount(), copy, strategy, decision, finished, failure, Instant.now(),
                startedAt, cpus);
    }

    private void stage(String what) {
        if (progress instanceof ProgressReporter reporter) {
            reporter.stage(what);
        }
    }
}
