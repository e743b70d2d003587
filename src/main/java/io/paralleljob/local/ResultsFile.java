package io.paralleljob.local;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ResultRows;
import io.paralleljob.plan.InvalidSpecException;
import io.paralleljob.runner.ShardRunner;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code run --results PATH}: every item's full result as one JSON line ({@link ResultRows}),
 * written and flushed as the item finishes. Nothing is kept here, so the file costs no memory per
 * item, and a run killed at any moment leaves every finished item's row in the file.
 */
final class ResultsFile implements ShardRunner.Listener, AutoCloseable {
    private final Path path;
    private final Writer out;
    private long written;
    private IOException failure;

    private ResultsFile(Path path, Writer out) {
        this.path = path;
        this.out = out;
    }

    /**
     * @param append add to an earlier run's rows (a rerun) instead of starting the file afresh
     * @throws InvalidSpecException when the file cannot be written, before anything runs
     */
    static ResultsFile open(Path path, boolean append, String flag) {
        try {
            if (append) {
                dropTornEnd(path);
            }
            Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, append ? StandardOpenOption.APPEND
                            : StandardOpenOption.TRUNCATE_EXISTING), StandardCharsets.UTF_8));
            return new ResultsFile(path, w);
        } catch (IOException | SecurityException e) {
            throw new InvalidSpecException(flag, "cannot write " + path + ": " + e.getMessage());
        }
    }

    /**
     * Cuts a killed run's half-written last row off the file. It holds no result (the item never
     * finished, and the rerun runs it again); left in place, it would sit in the middle of the file
     * once rows follow it, where a reader must refuse it as damage rather than skip it as a torn end.
     */
    private static void dropTornEnd(Path path) throws IOException {
        if (!Files.isRegularFile(path) || Files.size(path) == 0) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            long end = f.length();
            byte[] buffer = new byte[8192];
            for (long at = end; at > 0; ) {
                int n = (int) Math.min(buffer.length, at);
                at -= n;
                f.seek(at);
                f.readFully(buffer, 0, n);
                for (int i = n - 1; i >= 0; i--) {
                    if (buffer[i] == '\n') {
                        f.setLength(at + i + 1);
                        return;
                    }
                }
            }
            f.setLength(0); // one torn row and nothing before it
        }
    }

    @Override
    public synchronized void onItem(ItemRun run) {
        if (failure != null) {
            return; // told once, at the end; the run itself goes on
        }
        try {
            out.write(ResultRows.line(run));
            out.write('\n');
            out.flush();
            written++;
        } catch (IOException e) {
            failure = e;
        }
    }

    Path path() {
        return path;
    }

    synchronized long written() {
        return written;
    }

    /** Why rows stopped being written (a full disk), or null. */
    synchronized String problem() {
        return failure == null ? null : "writing " + path + " failed after " + written + " rows: "
                + failure.getMessage();
    }

    /** Status names the file, as a cluster job's names its ledger. */
    synchronized io.paralleljob.api.ResultsRef ref() {
        io.paralleljob.api.ResultsRef ref = new io.paralleljob.api.ResultsRef();
        ref.setStore("File");
        ref.setLocation(path.toString());
        ref.setRecorded(written);
        ref.setComplete(failure == null);
        ref.setCommand("java -jar quarkus-run.jar results --file " + path);
        return ref;
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
    }
}
