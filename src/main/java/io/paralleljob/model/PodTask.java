package io.paralleljob.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The job-wide part of a worker pod's work, mounted from the job's ConfigMap as task.json: the
 * command and the item list (or range). Which items a pod runs comes from its arguments.
 * Environment variables are not here: they are on the container, where valueFrom works.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PodTask(List<String> argv, String workingDir, int retries, List<String> items, Long rangeStart,
        int total, Long itemTimeoutSeconds) {

    public PodTask(List<String> argv, String workingDir, int retries, List<String> items, Long rangeStart, int total) {
        this(argv, workingDir, retries, items, rangeStart, total, null);
    }

    public String item(int index) {
        return items != null ? items.get(index) : Long.toString(rangeStart + index);
    }
}
