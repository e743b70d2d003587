package io.paralleljob.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a worker's answers a line at a time, keeping at most {@link BoundedText#OUTPUT_LIMIT} bytes
 * of each (the rest of a long line is read and dropped, as PerItem's output is), so a chatty
 * worker costs bounded memory and never blocks on a full pipe.
 */
final class AnswerReader {
    private final InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    AnswerReader(InputStream in) {
        this.in = in;
    }

    /** The next line without its '\n', or null at the end of the stream (the worker closed stdout or died). */
    String readLine() throws IOException {
        line.reset();
        boolean truncated = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return line.size() == 0 && !truncated ? null : text(truncated);
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            int room = BoundedText.OUTPUT_LIMIT - line.size();
            int n = pos - start;
            line.write(buf, start, Math.min(room, n));
            truncated |= n > room;
            if (pos < end) {
                pos++; // the '\n'
                return text(truncated);
            }
        }
    }

    private String text(boolean truncated) {
        String s = line.toString(StandardCharsets.UTF_8);
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1);
        }
        return truncated ? s + " …[truncated]" : s;
    }
}
