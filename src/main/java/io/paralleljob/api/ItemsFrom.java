package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The work list from somewhere else than the resource: a ConfigMap key or (locally) a file, one
 * item per line, for lists too big for a spec; or the items that failed in an earlier job, to run
 * them again under their original indexes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.configMapKeyRef), has(self.file), has(self.failedOf)].exists_one(given, given)",
        message = "set exactly one of configMapKeyRef, file and failedOf")
public class ItemsFrom {
    @JsonPropertyDescription("A key of a ConfigMap in the job's namespace; its value holds one item per line (a "
            + "final newline is ignored). Read once, when the job starts.")
    private ConfigMapItems configMapKeyRef;

    @JsonPropertyDescription("Local mode only: a file holding one item per line, relative to the job file.")
    @Size(min = 1, max = Limits.MAX_PATH_LENGTH)
    private String file;

    @JsonPropertyDescription("The name of a finished ParallelJob in the same namespace: this job runs again the "
            + "items that failed there, under their original indexes, with this job's template.")
    @Size(min = 1, max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    private String failedOf;

    public ConfigMapItems getConfigMapKeyRef() { return configMapKeyRef; }
    public void setConfigMapKeyRef(ConfigMapItems configMapKeyRef) { this.configMapKeyRef = configMapKeyRef; }
    public String getFile() { return file; }
    public void setFile(String file) { this.file = file; }
    public String getFailedOf() { return failedOf; }
    public void setFailedOf(String failedOf) { this.failedOf = failedOf; }
}
