package io.paralleljob.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item's outcome as the runner measured it. This is the unit that crosses process and pod
 * boundaries (one JSON line each), so it carries everything the aggregator needs.
 *
 * @param exitCode   the last attempt's exit code; null when the command could not be started
 * @param error      why the command could not run at all (not found, not executable)
 * @param cpuMillis  CPU time attributed to the item's processes; null where /proc is unavailable
 * @param cpuWaitMillis time the item's processes were runnable but waiting for a CPU (run queue,
 *                   CPU-quota throttling), from /proc/PID/schedstat, with the runner thread's own
 *                   wait while it started and collected them; null where it was not measured
 *                   (no schedstat, or a runner that predates it)
 * @param cpuWaitUnseenMillis an estimate of the wait of short-lived processes the sampler never saw
 *                   (their CPU times the wait per CPU millisecond of those it saw); not part of
 *                   cpuWaitMillis, and used only to judge the work (Auto), never shown as measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemRun(
        int index,
        String item,
        Integer exitCode,
        String output,
        String stderrTail,
        String error,
        long startEpochMillis,
        long durationMillis,
        Long cpuMillis,
        int attempts,
        Integer shard,
        Long cpuWaitMillis,
        Long cpuWaitUnseenMillis) {

    /** Without the estimate of unseen wait. */
    public ItemRun(int index, String item, Integer exitCode, String output, String stderrTail, String error,
            long startEpochMillis, long durationMillis, Long cpuMillis, int attempts, Integer shard,
            Long cpuWaitMillis) {
        this(index, item, exitCode, output, stderrTail, error, startEpochMillis, durationMillis, cpuMillis, attempts,
                shard, cpuWaitMillis, null);
    }

    /** Without the CPU-wait figure (not measured): the shape before it existed, for code that builds runs. */
    public ItemRun(int index, String item, Integer exitCode, String output, String stderrTail, String error,
            long startEpochMillis, long durationMillis, Long cpuMillis, int attempts, Integer shard) {
        this(index, item, exitCode, output, stderrTail, error, startEpochMillis, durationMillis, cpuMillis, attempts,
                shard, null, null);
    }

    /**
     * This run with more wait for a CPU within its duration (the runner thread's own, for one);
     * unchanged when the wait was not measured (cpuWaitMillis null), there is none to add, or the
     * command could not start.
     */
    public ItemRun withCpuWaitAdded(long millis) {
        // A command that never started had no process to wait for a CPU: the thread's wait was its
        // own failed exec, which would make a fail-fast job look CPU-starved.
        if (cpuWaitMillis == null || millis <= 0 || commandCannotStart()) {
            return this;
        }
        return new ItemRun(index, item, exitCode, output, stderrTail, error, startEpochMillis, durationMillis, cpuMillis,
                attempts, shard, cpuWaitMillis + millis, cpuWaitUnseenMillis);
    }

    /**
     * This run as a long-lived memory keeps it when status will never list it: its outcome and
     * timing without the item, output and stderr (the results ledger has them), and its error cut
     * to one short line. {@link #detailDropped} tells it apart.
     */
    public ItemRun withoutDetail() {
        String shortError = error == null || error.length() <= 200 ? error : error.substring(0, 199) + "…";
        return new ItemRun(index, null, exitCode, null, null, shortError, startEpochMillis, durationMillis, cpuMillis,
                attempts, shard, cpuWaitMillis, cpuWaitUnseenMillis);
    }

    /** Made by {@link #withoutDetail}: the item itself (never null in a real run) is not held. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean detailDropped() {
        return item == null;
    }

    /** How the runner's error for a command that could not be started at all begins. */
    public static final String CANNOT_START = "cannot start ";

    /**
     * The command could not be started (not found, not executable, no such working directory):
     * a property of the command, not of the item, so no other item will start either.
     */
    public boolean commandCannotStart() {
        return exitCode == null && error != null && error.startsWith(CANNOT_START);
    }

    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }

    public long endEpochMillis() {
        return startEpochMillis + durationMillis;
    }
}
