package io.paralleljob.operator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that work items wait for. A test that must act while a pod still runs (kill it, evict it,
 * restart the operator) gates the items it has not released: the pod cannot finish before the test
 * opens the gate, however fast or slow the machine is. Closing opens everything, so a failed test
 * leaves no item process waiting forever.
 */
final class Gate implements AutoCloseable {
    private final Path dir;

    Gate() {
        try {
            dir = Files.createTempDirectory("gate");
            // Deleted when the test JVM exits, not on close: an item process still polling after
            // close must find "all", or it would wait forever.
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command that waits until its item (by index) or the whole gate is open, then runs {@code then}. */
    String[] command(String then) {
        String item = "'" + dir + "'/$PJ_ITEM_INDEX";
        String all = "'" + dir + "'/all";
        return new String[] {"sh", "-c",
                "while [ ! -e " + item + " ] && [ ! -e " + all + " ]; do sleep 0.05; done; " + then};
    }

    Gate open(int... items) {
        for (int i : items) {
            touch(Integer.toString(i));
        }
        return this;
    }

    void openAll() {
        touch("all");
    }

    private void touch(String name) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, "");
            file.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        openAll();
    }
}
