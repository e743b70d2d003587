package io.paralleljob.operator.startup;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * What the operator's start-up reads of its surroundings: environment variables, system
 * properties and the home directory. A value, so the pre-flight check can be tested with any.
 */
public record StartupEnvironment(Map<String, String> env, Properties properties, Path home) {
    public static StartupEnvironment current() {
        return new StartupEnvironment(System.getenv(), System.getProperties(), Path.of(System.getProperty("user.home")));
    }

    /** A Quarkus setting as Quarkus reads it: the system property, else its environment variable. */
    String quarkus(String property) {
        String value = properties.getProperty(property);
        if (value == null) {
            value = env.get(property.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
