package io.paralleljob.model;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A part of a job's results ledger in a cluster: result rows ({@link ResultRows}) as gzip'd JSON
 * Lines in one ConfigMap's binaryData, owned by the job. The operator writes them, the
 * {@code results} command reads them; both sides use the names here.
 */
public final class LedgerChunk {
    /** The binaryData key that holds the rows. */
    public static final String KEY = "results.jsonl.gz";
    /** Marks a ConfigMap as a chunk of a results ledger; its value is the job's name. */
    public static final String LABEL = "paralleljob.io/results-of";
    /** The chunk's sequence number, so chunks read back in the order they were written. */
    public static final String SEQUENCE = "paralleljob.io/results-chunk";
    /**
     * What one chunk's compressed rows may take. A ConfigMap holds at most 1 MiB, and binaryData
     * travels base64'd (4/3) in the JSON the API server checks against that limit: 600 KiB is
     * 800 KiB in the object, room left for its metadata and for etcd's own overhead.
     */
    public static final int MAX_GZIP_BYTES = 600 * 1024;

    private LedgerChunk() {
    }

    /** Chunk {@code n} of the job's ledger: {@code JOB-results-N}. */
    public static String name(String job, int n) {
        return job + "-results-" + n;
    }

    public static byte[] encode(List<ItemRun> runs) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            for (ItemRun r : runs) {
                w.write(ResultRows.line(r));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Every row of a chunk, one at a time: a chunk's rows are never all in memory at once. */
    public static void decode(byte[] gzip, Consumer<ItemRun> row) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                new ByteArrayInputStream(gzip)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    row.accept(ResultRows.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a results chunk is not gzip'd JSON Lines: " + e.getMessage(), e);
        }
    }
}
