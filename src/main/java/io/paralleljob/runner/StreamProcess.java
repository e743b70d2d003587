package io.paralleljob.runner;

import io.paralleljob.model.CommandTemplate;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One running Stream worker: the command started once, its stdin and stdout the item and answer
 * lines, its stderr drained, and the counters an item's figures are deltas of. The counters are
 * the worker's own: CPU from /proc/PID/stat (utime + stime + cutime + cstime, so children it has
 * waited for count, as a PerItem item's do), run-queue wait from its process tree's schedstat,
 * followed by the shared sampler for the worker's whole life.
 */
final class StreamProcess {
    private static final long MILLIS_PER_TICK = 10;

    /** A moment's counters; cpuMillis and waitNanos are null where they cannot be read. */
    record Counters(long nanos, Long cpuMillis, Long waitNanos) {
    }

    private final Process process;
    private final OutputStream stdin;
    private final AnswerReader answers;
    private final StderrTail stderr;
    private final CpuWaitSampler waits = CpuWaitSampler.shared();
    private final ProcessTreeWait tree;
    private final Path stat;
    private final Counters origin;
    private boolean answered;

    private StreamProcess(Process process, long startNanos) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.answers = new AnswerReader(process.getInputStream());
        this.stderr = StderrTail.drain(process.getErrorStream());
        this.tree = waits.track(process.pid());
        this.stat = Path.of("/proc/" + process.pid() + "/stat");
        boolean cpu = ChildCpuClock.shared().available();
        this.origin = new Counters(startNanos, cpu ? 0L : null, tree == null ? null : 0L);
    }

    /** Starts the worker for a slot; PJ_ITEM and PJ_ITEM_INDEX are not set, the items come on stdin. */
    static StreamProcess start(CommandTemplate command, int slot) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command.argv());
        pb.environment().putAll(command.env());
        pb.environment().put(StreamProtocol.DELIVERY_ENV, "Stream");
        pb.environment().put(StreamProtocol.WORKER_ENV, Integer.toString(slot));
        if (command.workingDir() != null) {
            pb.directory(new File(command.workingDir()));
        }
        long t0 = System.nanoTime();
        return new StreamProcess(ItemProcesses.start(pb), t0);
    }

    /**
     * Counters now; before the first answer, the worker's start: the item that waits for a
     * worker's start-up is charged with it (its wall time includes it anyway).
     */
    Counters counters() {
        if (!answered) {
            return origin;
        }
        return read();
    }

    private Counters read() {
        Long wait = null;
        if (tree != null) {
            tree.sample();
            wait = tree.totalNanos();
        }
        return new Counters(System.nanoTime(), origin.cpuMillis() == null ? null : cpuMillis(), wait);
    }

    /** Sends one item line and returns the answer line, or null when the worker ended without one. */
    String exchange(String line) {
        try {
            stdin.write(line.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException gone) {
            // The worker died (a broken pipe): its answer is the end of its stdout, read below.
        }
        try {
            return answers.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** The counters as the answer came out; called right after {@link #exchange}, while the worker lives. */
    Counters afterAnswer() {
        answered = true;
        return read();
    }

    String takeStderr() {
        return stderr.take();
    }

    /** Kills the worker and whatever it started. */
    void kill() {
        ItemProcesses.killTree(process.toHandle());
    }

    /**
     * Ends the worker: stdin closed (its loop ends), {@code graceMillis} for it to exit, then killed.
     *
     * @return its exit code
     */
    int stop(long graceMillis) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
                kill();
            }
            return process.waitFor();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            ItemProcesses.ended(process);
            if (tree != null) {
                waits.finish(tree);
            }
        }
    }

    /** utime + stime + cutime + cstime of the worker, in ms; null once it is gone. */
    private Long cpuMillis() {
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            // Fields after the parenthesised name: state is f[0], utime..cstime are fields 14-17.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]))
                    * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
