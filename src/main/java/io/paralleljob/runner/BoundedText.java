package io.paralleljob.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a stream to its end, keeping only its head or its tail so a chatty command costs bounded memory. */
final class BoundedText {
    static final int OUTPUT_LIMIT = 4096;
    static final int STDERR_TAIL_LIMIT = 1024;

    private BoundedText() {
    }

    /** The first {@code limit} bytes (the rest is read and dropped so the child never blocks on a full pipe). */
    static String head(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        boolean truncated = false;
        for (int n; (n = in.read(buf)) >= 0; ) {
            int room = limit - kept.size();
            if (room > 0) {
                kept.write(buf, 0, Math.min(room, n));
            }
            truncated |= n > room;
        }
        String text = kept.toString(StandardCharsets.UTF_8).strip();
        return truncated ? text + " …[truncated]" : text;
    }

    /** The last {@code limit} bytes. */
    static String tail(InputStream in, int limit) throws IOException {
        byte[] ring = new byte[limit];
        long total = 0;
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                ring[(int) (total++ % limit)] = buf[i];
            }
        }
        if (total <= limit) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8).strip();
        }
        int start = (int) (total % limit);
        byte[] ordered = new byte[limit];
        System.arraycopy(ring, start, ordered, 0, limit - start);
        System.arraycopy(ring, 0, ordered, limit - start, start);
        return "…" + new String(ordered, StandardCharsets.UTF_8).strip();
    }
}
