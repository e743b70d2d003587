package io.paralleljob.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of this process's finished children, from /proc/self/stat's cutime and
 * cstime. The kernel adds a child's time, its own children's included, when the child is reaped,
 * so the counter covers exactly the items' processes and none of the runner's own threads.
 *
 * <p>Java reaps children on its own thread and offers no per-child rusage, so an item's share is
 * the counter's growth between two item completions ({@link #takeDelta()}): the sum over a shard
 * is exact; two items finishing within the same instant may swap their shares. Resolution is
 * the kernel's clock tick (USER_HZ, 100 on Linux: 10 ms).
 *
 * <p>Items bracket their run with {@link #begin()} and {@link #end()}. Children reaped while no
 * item runs (a local Pods run's runner JVMs, anything else this process started) are none of
 * the items' own: when the first item of a quiet spell begins, the counter is re-based so the
 * next item is not charged for them.
 */
public final class ChildCpuClock {
    private static final Path STAT = Path.of("/proc/self/stat");
    private static final long MILLIS_PER_TICK = 10;
    private static final ChildCpuClock SHARED = new ChildCpuClock();
    private long last;
    private int running;
    private final boolean available;

    /** One clock per process: two clocks would each count the other's children. */
    public static ChildCpuClock shared() {
        return SHARED;
    }

    private ChildCpuClock() {
        long now = childrenCpuMillis();
        available = now >= 0;
        last = Math.max(now, 0);
    }

    public boolean available() {
        return available;
    }

    /** An item's process is about to start; pair with {@link #end()}. */
    public synchronized void begin() {
        if (available && running++ == 0) {
            long now = childrenCpuMillis();
            last = Math.max(last, now);
        }
    }

    /** The item that called {@link #begin()} is done (its share taken, or it never started). */
    public synchronized void end() {
        if (running > 0) {
            running--;
        }
    }

    /** CPU the children reaped since the last call used, or null when this OS has no /proc. */
    public synchronized Long takeDelta() {
        if (!available) {
            return null;
        }
        long now = childrenCpuMillis();
        long delta = Math.max(0, now - last);
        last = Math.max(last, now);
        return delta;
    }

    /** cutime + cstime of this process in milliseconds, or -1 when it cannot be read. */
    public static long childrenCpuMillis() {
        try {
            String stat = Files.readString(STAT, StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces: count from after it.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // After the name, field 3 (state) is f[0]; cutime and cstime are fields 16 and 17.
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
