package io.paralleljob.runner;

import java.util.List;
import java.util.Map;

/** The program run for every item: argv, extra environment, working directory (null: inherit). */
public record CommandTemplate(List<String> argv, Map<String, String> env, String workingDir) {
    public CommandTemplate {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
    }
}
