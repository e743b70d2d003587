package io.paralleljob.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** Which ConfigMap key holds the items, named as env.valueFrom.configMapKeyRef names one. */
public class ConfigMapItems {
    @JsonPropertyDescription("The ConfigMap's name, in the job's namespace.")
    @Required
    @Size(min = 1, max = 253)
    @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
    private String name;

    @JsonPropertyDescription("The key whose value holds the items, one per line.")
    @Required
    @Size(min = 1, max = 253)
    @Pattern("^[-._a-zA-Z0-9]+$")
    private String key;

    public ConfigMapItems() {
    }

    public ConfigMapItems(String name, String key) {
        this.name = name;
        this.key = key;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getKey() { return key; }
    public void setKey(String key) { this.key = key; }
}
