package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** Labels and annotations added to every worker pod, for the cluster's own tooling (cost, policy, meshes). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerPodMetadata {
    @JsonPropertyDescription("Labels for the worker pods; keys under paralleljob.io/ are the operator's.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Annotations for the worker pods.")
    private Map<String, String> annotations;

    public Map<String, String> getLabels() { return labels; }
    public void setLabels(Map<String, String> labels) { this.labels = labels; }
    public Map<String, String> getAnnotations() { return annotations; }
    public void setAnnotations(Map<String, String> annotations) { this.annotations = annotations; }
}
