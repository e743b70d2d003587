package io.paralleljob.runner;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Set when the process is being stopped (SIGTERM, Ctrl-C): item threads must not start another
 * child, and an item whose child was killed by the stop is not a failed item, it is unfinished.
 *
 * <p>The flag is also a gate. A thread that read "not stopping" and then started a child could
 * start it after the stop had already killed every child it knew of (issue 11: a {@code sleep 20}
 * outlived {@code run}). So the check and the start happen under one lock, and {@link #begin}
 * sets the flag under the same lock: once it returns, every child ever started is registered and
 * no other will start. Starts share the lock (a read lock), so they do not wait for each other.
 */
public final class Shutdown {
    /** A start in progress when the stop comes is waited for this long at most (a start takes ms). */
    private static final long GATE_WAIT_MILLIS = 1_000;
    private static final ReadWriteLock GATE = new ReentrantReadWriteLock();
    private static volatile boolean started;

    private Shutdown() {
    }

    /** Closes the gate: returns once no child is starting, and none will start from now on. */
    public static void begin() {
        boolean locked = false;
        try {
            locked = GATE.writeLock().tryLock(GATE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started = true;
        if (locked) {
            GATE.writeLock().unlock();
        }
    }

    public static boolean started() {
        return started;
    }

    /** Throws when the process is stopping, so no new work begins. */
    static void checkNotStopping() throws InterruptedException {
        if (started) {
            throw new InterruptedException("the process is stopping");
        }
    }

    /** Something that starts a child process. */
    interface Start<T> {
        T start() throws IOException;
    }

    /** Runs {@code start} unless the process is stopping, with no stop able to pass in between. */
    static <T> T unlessStopping(Start<T> start) throws IOException, InterruptedException {
        GATE.readLock().lock();
        try {
            checkNotStopping();
            return start.start();
        } finally {
            GATE.readLock().unlock();
        }
    }
}
