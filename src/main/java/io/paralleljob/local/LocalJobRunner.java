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
import io.paralleljob.runner.CpuCapacity;
import io.paralleljob.runner.ShardRunner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs a whole job on this machine: Auto's sample first when asked, then the rest with the chosen
 * strategy. Every finished item is kept as it arrives, so {@link #snapshot} can report a partial
 * run (interrupted, or a runner that died) without losing what already finished.
 */
public final class LocalJobRunner {
    private final JobPlan plan;
    private final CommandTemplate command;
    private final ShardRunner.Listener progress;
    private final List<ItemRun> runs = Collections.synchronizedList(new ArrayList<>());
    private volatile Strategy strategy;
    private volatile AutoDecision decision;
    private volatile LocalBackend current;
    private volatile boolean cancelled;
    private final Instant startedAt = Instant.now();

    public LocalJobRunner(JobPlan plan, ShardRunner.Listener progress) {
        this.plan = plan;
        this.command = LocalCommand.of(plan);
        this.progress = progress;
    }

    public JobSnapshot run() throws InterruptedException {
        ShardRunner.Listener record = run -> {
            runs.add(run);
            progress.onItem(run);
        };
        List<Integer> sample = List.of();
        if (plan.workload() == Workload.Auto) {
            sample = AutoProbe.sampleIndexes(plan.items().size());
            stage("Auto: measuring a sample of " + Words.count(sample.size(), "item"));
            int concurrency = AutoProbe.sampleConcurrency(sample.size(), Runtime.getRuntime().availableProcessors());
            double capacity = CpuCapacity.measure(concurrency);
            // In no shard of the plan, as the operator's probe pod is none of its shard pods.
            List<ItemRun> sampleRuns = start(new ThreadsBackend(command, concurrency, plan.retries()))
                    .run(plan.items().select(sample), null, record);
            decision = AutoProbe.decide(sampleRuns, capacity);
            strategy = Strategy.valueOf(decision.getStrategy());
            stage(decision.getReason());
        } else {
            strategy = plan.workload().strategy();
        }
        ShardPlan shards = ShardPlan.of(plan, strategy, sample);
        if (shards.strategy() == Strategy.Pods) {
            stage("Pods: " + Words.count(shards.shards(), "runner process", "runner processes"));
            start(new ProcessPodsBackend(plan.task(command.env()), shards)).run(record);
        } else {
            // Threads is one shard, run by the runner in this process as a worker pod's runner would.
            stage("Threads: " + Words.count(shards.threads(), "thread") + " in this process");
            start(new ThreadsBackend(command, shards.threads(), plan.retries()))
                    .run(plan.items().select(shards.indexes(0)), 0, record);
        }
        return snapshot(true, null);
    }

    private <B extends LocalBackend> B start(B backend) throws InterruptedException {
        current = backend;
        if (cancelled) {
            throw new InterruptedException("cancelled");
        }
        return backend;
    }

    /** Stops the run from another thread (deadline, signal): what finished is kept, the rest has no result. */
    public void cancel() {
        cancelled = true;
        LocalBackend b = current;
        if (b != null) {
            b.cancel();
        }
    }

    /** What has happened so far; safe to call from another thread while the job runs. */
    public JobSnapshot snapshot(boolean finished, JobSnapshot.JobFailure failure) {
        List<ItemRun> copy;
        synchronized (runs) {
            copy = new ArrayList<>(runs);
        }
        return new JobSnapshot(null, plan.items().size(), copy, strategy, decision, finished, failure, Instant.now(),
                startedAt);
    }

    private void stage(String what) {
        if (progress instanceof ProgressReporter reporter) {
            reporter.stage(what);
        }
    }
}
