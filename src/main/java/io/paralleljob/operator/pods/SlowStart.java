package io.paralleljob.operator.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs many API calls of one kind (pod creates) in batches that double, 1, 2, 4 … up to
 * {@link #MAX_BATCH} at once, as the Job controller creates pods: a job of a thousand pods costs
 * about seventy round trips instead of a thousand, and a call that fails (a quota, a refused pod)
 * fails once, not a thousand times, because no batch starts after one that went wrong.
 */
public final class SlowStart {
    static final int MAX_BATCH = 16;
    /**
     * Shared by all jobs, and never a queue: a call no idle thread takes runs on the caller's own
     * thread, so one job's slow batch (a slow admission webhook in its namespace) makes no other
     * job's batch wait; at worst that batch goes one call after another. Daemon threads, so they
     * never hold the operator's shutdown up.
     */
    private static final ExecutorService POOL = new java.util.concurrent.ThreadPoolExecutor(0, 4 * MAX_BATCH, 30,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "pj-slow-start");
                t.setDaemon(true);
                return t;
            }, new java.util.concurrent.ThreadPoolExecutor.CallerRunsPolicy());

    /** One call's result, or what it threw. */
    public record Outcome<T>(T value, RuntimeException error) {
    }

    private SlowStart() {
    }

    /**
     * Calls {@code call} on each input, batch by batch, and returns the outcomes in input order,
     * of the inputs it got to: it stops after a batch in which a call threw or returned a value
     * {@code fine} does not accept. A batch of one runs on the calling thread.
     */
    public static <I, T> List<Outcome<T>> run(List<I> inputs, Function<I, T> call, Predicate<T> fine)
            throws InterruptedException {
        List<Outcome<T>> out = new ArrayList<>();
        int batch = 1;
        for (int from = 0; from < inputs.size(); from += batch, batch = Math.min(batch * 2, MAX_BATCH)) {
            List<I> these = inputs.subList(from, Math.min(inputs.size(), from + batch));
            List<Outcome<T>> results = these.size() == 1 ? List.of(attempt(call, these.get(0))) : inParallel(these, call);
            out.addAll(results);
            if (results.stream().anyMatch(r -> r.error() != null || !fine.test(r.value()))) {
                break;
            }
        }
        return out;
    }

    private static <I, T> List<Outcome<T>> inParallel(List<I> these, Function<I, T> call) throws InterruptedException {
        List<Future<Outcome<T>>> futures = new ArrayList<>();
        for (I input : these) {
            futures.add(POOL.submit(() -> attempt(call, input)));
        }
        List<Outcome<T>> results = new ArrayList<>();
        for (Future<Outcome<T>> f : futures) {
            try {
                results.add(f.get());
            } catch (ExecutionException impossible) { // attempt() catches what the call throws
                results.add(new Outcome<>(null, new IllegalStateException(impossible.getCause())));
            }
        }
        return results;
    }

    private static <I, T> Outcome<T> attempt(Function<I, T> call, I input) {
        try {
            return new Outcome<>(call.apply(input), null);
        } catch (RuntimeException e) {
            return new Outcome<>(null, e);
        }
    }
}
