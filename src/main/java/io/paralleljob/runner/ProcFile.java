package io.paralleljob.runner;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One file under /proc that is read again and again (a task's schedstat, its children list).
 * It is kept open while a budget of descriptors allows, and re-read with one positional read
 * (pread): one system call, where opening it by path costs three, and system calls are what a
 * sampling pass spends its time on (they are slow in a virtual machine). Past the budget it is
 * read by path, so a job with thousands of items in flight never starves its own item processes
 * of descriptors.
 *
 * <p>An open descriptor also pins the task: once that task has exited, reading fails instead of
 * showing a newer process that reused the PID.
 */
final class ProcFile implements AutoCloseable {
    /** Descriptors all ProcFiles together may hold open. */
    static final int MAX_OPEN = 768;
    private static final AtomicInteger OPEN = new AtomicInteger();

    private final Path path;
    private FileChannel open;
    private boolean byPath;

    ProcFile(String path) {
        this.path = Path.of(path);
    }

    /** The whole file into {@code into}; false when the task is gone (or the file does not exist). */
    boolean read(ReadBuffer into) {
        try {
            if (open == null && !byPath) {
                open = openWithinBudget();
            }
            if (open != null) {
                into.fill(open);
            } else {
                try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
                    into.fill(in);
                }
            }
            return true;
        } catch (IOException e) {
            return false; // ENOENT or ESRCH: the task has exited
        }
    }

    private FileChannel openWithinBudget() throws IOException {
        if (OPEN.incrementAndGet() > MAX_OPEN) {
            OPEN.decrementAndGet();
            byPath = true;
            return null;
        }
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            OPEN.decrementAndGet();
            throw e;
        }
    }

    @Override
    public void close() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException ignored) {
                // a /proc descriptor has nothing to flush
            }
            open = null;
            OPEN.decrementAndGet();
        }
    }

    /** Descriptors held open right now, by every ProcFile of this process. */
    static int openCount() {
        return OPEN.get();
    }
}
