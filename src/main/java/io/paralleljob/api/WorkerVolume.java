package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;

/**
 * A volume of the worker pods. Only the kinds a batch job needs that stay inside its namespace and
 * the restricted Pod Security profile: a ConfigMap, a Secret, a PersistentVolumeClaim, an emptyDir.
 * A hostPath (or any other source) is not in the schema, so the API server refuses it as an
 * unknown field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "[has(self.configMap), has(self.secret), has(self.persistentVolumeClaim), has(self.emptyDir)]"
        + ".exists_one(given, given)", message = "set exactly one of configMap, secret, persistentVolumeClaim and emptyDir")
public class WorkerVolume {
    @JsonPropertyDescription("The volume's name, as volumeMounts[].name refers to it (runner and task are taken).")
    @Required
    @Size(min = 1, max = 63)
    @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
    private String name;

    @JsonPropertyDescription("A ConfigMap of the job's namespace, its keys as files.")
    private ConfigMapVolumeSource configMap;

    @JsonPropertyDescription("A Secret of the job's namespace, its keys as files; only where the operator allows "
            + "Secrets (paralleljob.allow-secret-env), since an item can print a file into status.")
    private SecretVolumeSource secret;

    @JsonPropertyDescription("A PersistentVolumeClaim of the job's namespace, shared by every worker pod.")
    private PersistentVolumeClaimVolumeSource persistentVolumeClaim;

    @JsonPropertyDescription("Scratch space, one per pod, gone with it.")
    private EmptyDirVolumeSource emptyDir;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public ConfigMapVolumeSource getConfigMap() { return configMap; }
    public void setConfigMap(ConfigMapVolumeSource configMap) { this.configMap = configMap; }
    public SecretVolumeSource getSecret() { return secret; }
    public void setSecret(SecretVolumeSource secret) { this.secret = secret; }
    public PersistentVolumeClaimVolumeSource getPersistentVolumeClaim() { return persistentVolumeClaim; }
    public void setPersistentVolumeClaim(PersistentVolumeClaimVolumeSource c) { this.persistentVolumeClaim = c; }
    public EmptyDirVolumeSource getEmptyDir() { return emptyDir; }
    public void setEmptyDir(EmptyDirVolumeSource emptyDir) { this.emptyDir = emptyDir; }
}
