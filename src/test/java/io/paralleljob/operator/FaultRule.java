package io.paralleljob.operator;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** One fault of {@link ApiFaults}: which requests, how many, and when it was applied (for measuring recovery). */
final class FaultRule {
    /** Refuse (nothing stored), store and then fail, store and kill the sender, or answer late. */
    enum Effect { REFUSE, LOSE_ANSWER, KILL_SENDER, SLOW }

    private final String method;
    private final Pattern path;
    private final Predicate<RecordedRequest> when;
    private final int code;
    private final Effect effect;
    private final AtomicInteger left;
    final List<Long> hits = new CopyOnWriteArrayList<>();
    private volatile long retried;

    FaultRule(String method, String path, Predicate<RecordedRequest> when, int code, Effect effect, int times) {
        this.method = method;
        this.path = Pattern.compile(path);
        this.when = when;
        this.code = code;
        this.effect = effect;
        this.left = new AtomicInteger(times);
    }

    boolean matches(RecordedRequest r) {
        return method.equalsIgnoreCase(r.getMethod()) && path.matcher(r.getPath()).find() && when.test(r);
    }

    /** True while faults are left to answer; counts one down. */
    boolean take() {
        return left.getAndUpdate(n -> n > 0 ? n - 1 : n) > 0;
    }

    /** A matching request went through after the faults were spent: the first is the retry that recovered. */
    void passed() {
        if (retried == 0) {
            retried = System.nanoTime();
        }
    }

    /** Nanos (System.nanoTime) of the last fault answered; the fault clears there. */
    long cleared() {
        return hits.isEmpty() ? System.nanoTime() : hits.get(hits.size() - 1);
    }

    /** Milliseconds from the fault clearing to the retry that went through, or -1 if none has yet. */
    long retryMillis() {
        return retried == 0 ? -1 : (retried - cleared()) / 1_000_000;
    }

    boolean spent() {
        return left.get() == 0;
    }

    int code() {
        return code;
    }

    Effect effect() {
        return effect;
    }
}
