package io.paralleljob.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.util.function.IntConsumer;

/**
 * The bytes of one /proc file, reused from read to read so that sampling allocates next to
 * nothing, with the few parsers the sampler needs. It grows for long files (a process with many
 * children).
 */
final class ReadBuffer {
    private byte[] bytes = new byte[256];
    private int length;

    void fill(RandomAccessFile in) throws IOException {
        length = 0;
        for (int n; (n = in.read(room(), length, bytes.length - length)) > 0; ) {
            length += n;
        }
    }

    void fill(InputStream in) throws IOException {
        length = 0;
        for (int n; (n = in.read(room(), length, bytes.length - length)) > 0; ) {
            length += n;
        }
    }

    /** The array, doubled first when it is full. */
    private byte[] room() {
        if (length == bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
        }
        return bytes;
    }

    int length() {
        return length;
    }

    /**
     * The {@code n}th (0-based) whitespace-separated number, or -1 when there are fewer or it is
     * not a number: /proc/PID/schedstat is "on-CPU-ns run-queue-wait-ns timeslices".
     */
    long number(int n) {
        int field = -1;
        boolean inField = false;
        long value = 0;
        boolean digits = true;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            boolean space = b == ' ' || b == '\n' || b == '\t';
            if (space) {
                if (inField && field == n) {
                    return digits ? value : -1;
                }
                inField = false;
                continue;
            }
            if (!inField) {
                inField = true;
                field++;
                value = 0;
                digits = true;
            }
            if (field == n) {
                if (b >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                } else {
                    digits = false;
                }
            }
        }
        return inField && field == n && digits ? value : -1;
    }

    /** Every number in the file, in order: /proc/PID/task/TID/children is "PID PID ... ". */
    void eachNumber(IntConsumer action) {
        int value = -1;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
            } else if (value >= 0) {
                action.accept(value);
                value = -1;
            }
        }
        if (value >= 0) {
            action.accept(value);
        }
    }

    /** For tests: fill from text. */
    static ReadBuffer of(String text) {
        ReadBuffer b = new ReadBuffer();
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.bytes = java.util.Arrays.copyOf(t, Math.max(1, t.length));
        b.length = t.length;
        return b;
    }
}
