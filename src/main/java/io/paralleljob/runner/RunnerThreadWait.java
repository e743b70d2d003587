package io.paralleljob.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run-queue wait of the runner thread that carries an item: the calling thread's own
 * /proc/thread-self/schedstat (second field, ns).
 *
 * <p>Why it belongs to the item: an item's duration runs from before its process is started to
 * after its output has closed and it has been waited for, and on both ends the runner's own
 * thread has work to do (the fork and exec, waking on the end of output, the wait for the exit).
 * On a contended CPU that thread queues for a CPU like the items' processes do, and the process
 * tree's schedstat cannot see it. Measured on the 2-core build machine (32 CPU-bound python
 * items, parallelism 16, the interpreter itself): 1.3 to 1.5 s of the items' time was this
 * thread's wait, reported as blocked before and so counted as serial work.
 *
 * <p>A thread that the item waits for without being on it (Java's process reaper, the stderr
 * drain) is not counted: their waits overlap the item thread's, and adding them would count the
 * same stretch twice.
 */
final class RunnerThreadWait {
    private static final Path SELF = Path.of("/proc/thread-self/schedstat");

    private RunnerThreadWait() {
    }

    /** The wait the calling thread has had since {@code before} (from {@link #nanos()}) in ms, or 0 where unknown. */
    static long millisSince(long before) {
        if (before < 0) {
            return 0;
        }
        long now = nanos();
        return now < before ? 0 : Math.round((now - before) / 1e6);
    }

    /** The calling thread's wait so far in ns, or -1 where the kernel does not say (no /proc, no schedstat). */
    static long nanos() {
        try {
            // "run_time run_delay timeslices", parsed as the sampler parses every schedstat; two
            // reads an item, so a plain read by path will do (a kept descriptor would be per thread)
            return ReadBuffer.of(Files.readString(SELF)).number(1);
        } catch (IOException e) {
            return -1;
        }
    }
}
