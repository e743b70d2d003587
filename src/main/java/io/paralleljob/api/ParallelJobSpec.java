package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * What to run. Field types are deliberately lenient (workload is a string, not an enum) so a
 * resource that slipped past the API server's schema still deserializes and the validator can
 * name the bad field in status instead of the informer failing to read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// One list of the ways to give the work, so a new one is one more entry.
@ValidationRule(value = "[has(self.items), has(self.range), has(self.itemsFrom)].exists_one(given, given)",
        message = "set exactly one of items, range and itemsFrom (the work list)")
public class ParallelJobSpec {

    @JsonPropertyDescription("How the work behaves: IOBound runs items as threads in one pod, CPUBound as many pods, "
            + "Auto starts as Threads and, from how the first items to finish spend their time (computing, "
            + "waiting for a CPU, blocked), stays Threads or switches to Pods. Default Auto.")
    @Pattern("^(Auto|IOBound|CPUBound)$")
    @Default("Auto")
    private String workload;

    @JsonPropertyDescription("How items reach the command. PerItem (default) starts the command once per item, "
            + "with the item in PJ_ITEM and its position in PJ_ITEM_INDEX; its stdout is the output, its exit code "
            + "the result. Stream starts the command once per worker slot (each thread, or each slot of a pod) "
            + "and writes it one item per line on stdin; the command answers each with one line on stdout, in "
            + "order: that line is the item's output, or, when it starts with '!fail', the item failed and the "
            + "rest is the reason, and the worker goes on. A worker that exits or outlives itemTimeoutSeconds "
            + "fails its in-flight item (retried per retries) and is started again; other items are unaffected. "
            + "Items must not contain line breaks. The worker gets the template's env plus PJ_DELIVERY=Stream and "
            + "PJ_WORKER (its slot); stderr is kept per item, as what the worker wrote while that item was in flight.")
    @Pattern("^(PerItem|Stream)$")
    @Default("PerItem")
    private String delivery;

    @JsonPropertyDescription("How many items run at once: threads in the pod (Threads) or concurrent pods (Pods). "
            + "Default 4.")
    @Min(1)
    @Max(Limits.MAX_PARALLELISM)
    private Integer parallelism;

    @JsonPropertyDescription("The work list: each string is one item, passed to the command as PJ_ITEM. "
            + "Set exactly one of items, range and itemsFrom.")
    @Size(min = 1, max = Limits.MAX_ITEMS)
    private List<String> items;

    @JsonPropertyDescription("The work list as the integers in [start, end). Set exactly one of items, range and itemsFrom.")
    private ItemRange range;

    @JsonPropertyDescription("The work list from a ConfigMap key or a file (one item per line), or the items that "
            + "failed in an earlier job. Set exactly one of items, range and itemsFrom.")
    private ItemsFrom itemsFrom;

    @JsonPropertyDescription("What runs for one item: a container's image, command, args, env and workingDir.")
    @Required
    private WorkerTemplate template;

    @JsonPropertyDescription("How many times a failed item (non-zero exit) is run again before it counts as failed. "
            + "Default 0.")
    @Min(0)
    @Max(Limits.MAX_RETRIES)
    private Integer retries;

    @JsonPropertyDescription("How many failed worker pods are replaced before the job fails (evictions and other "
            + "disruptions do not count). Default 3.")
    @Min(0)
    @Max(Limits.MAX_RETRIES)
    private Integer backoffLimit;

    @JsonPropertyDescription("Seconds the job may run, from its start; then its pods are stopped and it fails "
            + "with reason DeadlineExceeded.")
    @Min(1)
    @Max(Limits.MAX_SECONDS)
    private Long activeDeadlineSeconds;

    @JsonPropertyDescription("Seconds one attempt of one item may run; then its process (and what it started) is "
            + "killed and the attempt fails. Default: no limit.")
    @Min(1)
    @Max(Limits.MAX_SECONDS)
    private Long itemTimeoutSeconds;

    @JsonPropertyDescription("Stop the job, as batch/v1 Job's suspend: a suspended job starts no pods; suspending a "
            + "running one stops its pods (the items they finished are kept, those in flight run again) and resuming "
            + "runs only what is left. activeDeadlineSeconds does not run while suspended. Editable at any time.")
    private Boolean suspend;

    @JsonPropertyDescription("Seconds after the job finished (Complete or Failed) at which it is deleted, and with "
            + "it its task and results ConfigMaps. Default: kept. Editable at any time.")
    @Min(0)
    @Max(Limits.MAX_SECONDS)
    private Long ttlSecondsAfterFinished;

    /**
     * The fields that stay editable once the job has started, as batch/v1 Job's: they steer the
     * run (stop it, let it go) and change nothing a pod was built from. Every other field is
     * frozen by {@link ParallelJob#FROZEN_SPEC_RULE} and by the operator's own check.
     */
    public static final java.util.Set<String> EDITABLE_AFTER_START = java.util.Set.of("suspend",
            "ttlSecondsAfterFinished");

    public Boolean getSuspend() { return suspend; }
    public void setSuspend(Boolean suspend) { this.suspend = suspend; }
    public Long getTtlSecondsAfterFinished() { return ttlSecondsAfterFinished; }
    public void setTtlSecondsAfterFinished(Long ttlSecondsAfterFinished) { this.ttlSecondsAfterFinished = ttlSecondsAfterFinished; }
    public String getDelivery() { return delivery; }
    public void setDelivery(String delivery) { this.delivery = delivery; }
    public Long getItemTimeoutSeconds() { return itemTimeoutSeconds; }
    public void setItemTimeoutSeconds(Long itemTimeoutSeconds) { this.itemTimeoutSeconds = itemTimeoutSeconds; }
    public Integer getBackoffLimit() { return backoffLimit; }
    public void setBackoffLimit(Integer backoffLimit) { this.backoffLimit = backoffLimit; }
    public Long getActiveDeadlineSeconds() { return activeDeadlineSeconds; }
    public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) { this.activeDeadlineSeconds = activeDeadlineSeconds; }
    public String getWorkload() { return workload; }
    public void setWorkload(String workload) { this.workload = workload; }
    public Integer getParallelism() { return parallelism; }
    public void setParallelism(Integer parallelism) { this.parallelism = parallelism; }
    public List<String> getItems() { return items; }
    public void setItems(List<String> items) { this.items = items; }
    public ItemRange getRange() { return range; }
    public void setRange(ItemRange range) { this.range = range; }
    public ItemsFrom getItemsFrom() { return itemsFrom; }
    public void setItemsFrom(ItemsFrom itemsFrom) { this.itemsFrom = itemsFrom; }
    public WorkerTemplate getTemplate() { return template; }
    public void setTemplate(WorkerTemplate template) { this.template = template; }
    public Integer getRetries() { return retries; }
    public void setRetries(Integer retries) { this.retries = retries; }
}
