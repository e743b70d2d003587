package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/** The container that runs one item; the same shape as a Pod's container so users know it. */
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
}
