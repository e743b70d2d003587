package io.paralleljob.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.IntConsumer;

/**
 * The bytes of one /proc file, reused from read to read so that sampling allocates next to
 * nothing, with the two parsers the sampler needs. One positional read (pread) fetches a whole
 * small /proc file; the buffer doubles for long ones (a process with many children).
 */
final class ReadBuffer {
    private ByteBuffer bytes = ByteBuffer.allocateDirect(512);
    private int length;

    /** The whole file, read from its start. */
    void fill(FileChannel in) throws IOException {
        while (true) {
            bytes.clear();
            int n = in.read(bytes, 0);
            if (n < bytes.capacity()) {
                length = Math.max(0, n);
                return;
            }
            bytes = ByteBuffer.allocateDirect(bytes.capacity() * 2); // may have been cut: read it again, whole
        }
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
            byte b = bytes.get(i);
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
            byte b = bytes.get(i);
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

    /** For tests: the buffer holding {@code text}, as if read from a file. */
    static ReadBuffer of(String text) {
        ReadBuffer b = new ReadBuffer();
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        b.bytes = ByteBuffer.allocateDirect(Math.max(1, t.length));
        b.bytes.put(t);
        b.length = t.length;
        return b;
    }
}
