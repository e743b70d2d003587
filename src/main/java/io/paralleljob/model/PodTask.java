package io.paralleljob.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The job-wide part of a runner's work (task.json): the command and the item list (or range).
 * Which items a runner runs comes from its arguments, so every runner of a job reads the same
 * file. Worker pods mount it from the job's ConfigMap; local mode writes it once per run.
 *
 * @param env the items' environment where no container carries it (local mode, literal values);
 *            absent for worker pods, whose env is on the container, where valueFrom works
 * @param runOnly the indexes a rerun runs, as ranges ({@link IndexRanges}); absent: every item.
 *            Here, not in the runner's arguments: the set of a rerun can be long
 * @param delivery spec.delivery ({@link Delivery}); absent: PerItem, as runners before it had it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodTask(List<String> argv, String workingDir, int retries, List<String> items, Long rangeStart,
        int total, Long itemTimeoutSeconds, Map<String, String> env, String runOnly, String delivery) {

    public PodTask(List<String> argv, String workingDir, int retries, List<String> items, Long rangeStart, int total,
            Long itemTimeoutSeconds, Map<String, String> env, String runOnly) {
        this(argv, workingDir, retries, items, rangeStart, total, itemTimeoutSeconds, env, runOnly, null);
    }

    public PodTask(List<String> argv, String workingDir, int retries, List<String> items, Long rangeStart, int total,
            Long itemTimeoutSeconds, Map<String, String> env) {
        this(argv, workingDir, retries, items, rangeStart, total, itemTimeoutSeconds, env, null, null);
    }

    /** The indexes a rerun runs, sorted; null when the task runs every item. */
    public List<Integer> runOnlyIndexes() {
        return runOnly == null ? null : IndexRanges.parse(runOnly);
    }

    /** A worker pod's task: no env of its own. */
    public PodTask(List<String> argv, String workingDir, int retries, List<String> items, Long rangeStart, int total,
            Long itemTimeoutSeconds) {
        this(argv, workingDir, retries, items, rangeStart, total, itemTimeoutSeconds, null, null, null);
    }

    /** What runs for each item. */
    public CommandTemplate command() {
        return new CommandTemplate(argv, env, workingDir, itemTimeoutSeconds, Delivery.of(delivery));
    }
}
