package io.paralleljob.runner;

/**
 * The lines a Stream worker and the runner exchange (spec.delivery: Stream). The runner writes one
 * item per line on the worker's stdin (UTF-8, '\n' after each; items hold no line break, the spec's
 * validation refuses one); the worker answers each with one line on stdout, in order. The simple
 * form stays simple: any line is a success and is the item's output; a line that starts with
 * {@value #FAILED} reports that item failed, the rest of the line (after one space) its message,
 * and the worker goes on with the next item. So {@code for line in sys.stdin: print(work(line),
 * flush=True)} is a valid worker, and {@code print("!fail", err, flush=True)} reports a failure.
 */
public final class StreamProtocol {
    /** An answer that starts with this reports a failed item. */
    public static final String FAILED = "!fail";
    /** The exit code a failed answer's item gets: it has no process of its own to exit. */
    public static final int FAILED_EXIT = 1;
    /** The environment variable that tells a command it is a Stream worker, with the slot it serves. */
    public static final String WORKER_ENV = "PJ_WORKER";
    public static final String DELIVERY_ENV = "PJ_DELIVERY";

    private StreamProtocol() {
    }

    /** One answer line, read. */
    record Answer(boolean ok, String output) {
    }

    static Answer parse(String line) {
        if (line.startsWith(FAILED)) {
            return new Answer(false, line.substring(FAILED.length()).strip());
        }
        return new Answer(true, line.strip());
    }

    /** The line an item goes in as; a line break would split it in two, so it cannot be sent. */
    static String frame(String item) {
        if (item.indexOf('\n') >= 0 || item.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("an item with a line break cannot be sent one per line");
        }
        return item + "\n";
    }
}
