package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;

/**
 * The container that runs one item, the same shape as a Pod's container so users know it, and the
 * pod-level fields batch/v1 Job users put on their pods (placement, pull secrets, volumes). The
 * pod-level fields matter only in a cluster; local mode runs on this machine and ignores them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerTemplate {
    @JsonPropertyDescription("Container image the items run in (worker pods only; local mode runs on this machine).")
    private String image;

    @JsonPropertyDescription("The program and its leading arguments, run once per item with PJ_ITEM and "
            + "PJ_ITEM_INDEX in its environment. Its trimmed standard output is the item's output.")
    @Required
    @Size(min = 1)
    private List<String> command;

    @JsonPropertyDescription("Arguments appended to command.")
    private List<String> args;

    @JsonPropertyDescription("Extra environment variables for the command. valueFrom may be configMapKeyRef, fieldRef "
            + "or resourceFieldRef; secretKeyRef only where the operator allows it (paralleljob.allow-secret-env): "
            + "an item's command can print its environment into status.")
    private List<EnvVar> env;

    @JsonPropertyDescription("Working directory of the command.")
    @Size(max = Limits.MAX_PATH_LENGTH)
    private String workingDir;

    @JsonPropertyDescription("CPU and memory for each worker pod.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Where the worker pods may run: node labels they require (as a Pod's nodeSelector).")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Taints the worker pods tolerate (as a Pod's tolerations).")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Node and pod affinity of the worker pods (as a Pod's affinity).")
    private Affinity affinity;

    @JsonPropertyDescription("Secrets of the job's namespace used to pull image (as a Pod's imagePullSecrets).")
    private List<LocalObjectReference> imagePullSecrets;

    @JsonPropertyDescription("PriorityClass of the worker pods.")
    @Size(max = 253)
    private String priorityClassName;

    @JsonPropertyDescription("Volumes of the worker pods: configMap, secret, persistentVolumeClaim or emptyDir.")
    private List<WorkerVolume> volumes;

    @JsonPropertyDescription("Where the volumes appear in the worker container (not under /pj or /pj-task, the runner's).")
    private List<VolumeMount> volumeMounts;

    @JsonPropertyDescription("Labels and annotations added to every worker pod.")
    private WorkerPodMetadata metadata;

    public String getImage() { return image; }
    public void setImage(String image) { this.image = image; }
    public List<String> getCommand() { return command; }
    public void setCommand(List<String> command) { this.command = command; }
    public List<String> getArgs() { return args; }
    public void setArgs(List<String> args) { this.args = args; }
    public List<EnvVar> getEnv() { return env; }
    public void setEnv(List<EnvVar> env) { this.env = env; }
    public String getWorkingDir() { return workingDir; }
    public void setWorkingDir(String workingDir) { this.workingDir = workingDir; }
    public ResourceRequirements getResources() { return resources; }
    public void setResources(ResourceRequirements resources) { this.resources = resources; }
    public Map<String, String> getNodeSelector() { return nodeSelector; }
    public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
    public List<Toleration> getTolerations() { return tolerations; }
    public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
    public Affinity getAffinity() { return affinity; }
    public void setAffinity(Affinity affinity) { this.affinity = affinity; }
    public List<LocalObjectReference> getImagePullSecrets() { return imagePullSecrets; }
    public void setImagePullSecrets(List<LocalObjectReference> secrets) { this.imagePullSecrets = secrets; }
    public String getPriorityClassName() { return priorityClassName; }
    public void setPriorityClassName(String priorityClassName) { this.priorityClassName = priorityClassName; }
    public List<WorkerVolume> getVolumes() { return volumes; }
    public void setVolumes(List<WorkerVolume> volumes) { this.volumes = volumes; }
    public List<VolumeMount> getVolumeMounts() { return volumeMounts; }
    public void setVolumeMounts(List<VolumeMount> volumeMounts) { this.volumeMounts = volumeMounts; }
    public WorkerPodMetadata getMetadata() { return metadata; }
    public void setMetadata(WorkerPodMetadata metadata) { this.metadata = metadata; }
}
