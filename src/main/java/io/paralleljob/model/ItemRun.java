package io.paralleljob.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item's outcome as the runner measured it. This is the unit that crosses process and pod
 * boundaries (one JSON line each), so it carries everything the aggregator needs.
 *
 * @param exitCode   the last attempt's exit code; null when the command could not be started
 * @param error      why the command could not run at all (not found, not executable)
 * @param cpuMillis  CPU time attributed to the item's processes; null where /proc is unavailable
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
        Integer shard) {

    public boolean succeeded() {
        return exitCode != null && exitCode == 0;
    }

    public long endEpochMillis() {
        return startEpochMillis + durationMillis;
    }
}
