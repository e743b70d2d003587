package io.paralleljob.runner;

/**
 * Set when the process is being stopped (SIGTERM, Ctrl-C): item threads must not start another
 * child, and an item whose child was killed by the stop is not a failed item, it is unfinished.
 */
public final class Shutdown {
    private static volatile boolean started;

    private Shutdown() {
    }

    public static void begin() {
        started = true;
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
}
