package io.paralleljob.model;

import java.util.List;
import java.util.Map;

/**
 * The program run for every item: argv, extra environment, working directory (null: inherit), and
 * how long one attempt may run before it is killed (null: no limit).
 */
public record CommandTemplate(List<String> argv, Map<String, String> env, String workingDir, Long timeoutSeconds) {
    public CommandTemplate {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public CommandTemplate(List<String> argv, Map<String, String> env, String workingDir) {
        this(argv, env, workingDir, null);
    }
}
