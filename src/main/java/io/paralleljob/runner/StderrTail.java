package io.paralleljob.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A long-lived worker's stderr, drained by its own thread so the worker never blocks on it. What
 * arrived since the last {@link #take()} is the current item's (one item is in flight per worker),
 * kept up to {@link BoundedText#STDERR_TAIL_LIMIT} bytes, its tail.
 */
final class StderrTail {
    /** How long a take waits for what the worker wrote to its stderr before it answered. */
    private static final long SETTLE_MILLIS = 50;

    private final byte[] ring = new byte[BoundedText.STDERR_TAIL_LIMIT];
    private long total;
    private volatile long appends;

    /** Starts draining {@code err} on a daemon thread that ends with the stream. */
    static StderrTail drain(InputStream err) {
        StderrTail tail = new StderrTail();
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = err.read(buf)) >= 0; ) {
                    tail.append(buf, n);
                }
            } catch (IOException closed) {
                // the worker is gone: nothing more to keep
            }
        }, "pj-stream-stderr");
        t.setDaemon(true);
        t.start();
        return tail;
    }

    synchronized void append(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (total++ % ring.length)] = buf[i];
        }
        appends++;
    }

    /**
     * What came since the last take, its last bytes; the buffer starts empty again. stderr and
     * stdout are two pipes: a line the worker wrote to stderr just before its answer may still be
     * on its way through the drain thread when the answer is read. So the take first waits until
     * the drain thread has gone a millisecond without appending (at most {@link #SETTLE_MILLIS});
     * otherwise that line would be counted to the next item. (The pipe itself cannot be asked: its
     * available() waits for the drain thread's blocked read.)
     */
    String take() {
        long deadline = System.nanoTime() + SETTLE_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            long seen = appends;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (appends == seen) {
                break;
            }
        }
        return takeNow();
    }

    private synchronized String takeNow() {
        int limit = ring.length;
        String text;
        if (total <= limit) {
            text = new String(ring, 0, (int) total, StandardCharsets.UTF_8).strip();
        } else {
            int start = (int) (total % limit);
            byte[] ordered = new byte[limit];
            System.arraycopy(ring, start, ordered, 0, limit - start);
            System.arraycopy(ring, 0, ordered, limit - start, start);
            text = "…" + new String(ordered, StandardCharsets.UTF_8).strip();
        }
        total = 0;
        return text;
    }
}
