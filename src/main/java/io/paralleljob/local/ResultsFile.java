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
     * Ends the file on a line end before rows are added to it. A killed run can leave its last row
     * without its newline, whole (the row and its newline are two writes) or cut short. A whole
     * one is a result the rerun counted as finished, so it gets its newline; a cut one holds no
     * result (the rerun runs that item again) and is cut off: left in place it would sit in the
     * middle of the file once rows follow it, where a reader must refuse it as damage.
     */
    private static void dropTornEnd(Path path) throws IOException {
        if (!Files.isRegularFile(path) || Files.size(path) == 0) {
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            long lineStart = lastLineStart(f);
            if (lineStart == f.length()) {
                return; // ends on a line end already
            }
            byte[] tail = new byte[(int) Math.min(Integer.MAX_VALUE, f.length() - lineStart)];
            f.seek(lineStart);
            f.readFully(tail);
            if (parses(new String(tail, StandardCharsets.UTF_8))) {
                f.seek(f.length());
                f.write('\n');
            } else {
                f.setLength(lineStart);
            }
        }
    }

    /** Where the file's last line starts: just after its last newline, 0 when it has none. */
    private static long lastLineStart(RandomAccessFile f) throws IOException {
        byte[] buffer = new byte[8192];
        for (long at = f.length(); at > 0; ) {
            int n = (int) Math.min(buffer.length, at);
            at -= n;
            f.seek(at);
            f.readFully(buffer, 0, n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer[i] == '\n') {
                    return at + i + 1;
                }
            }
        }
        return 0;
    }

    private static boolean parses(String line) {
        try {
            ResultRows.parse(line);
            return true;
        } catch (RuntimeException torn) {
            return false;
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
