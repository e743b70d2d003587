package io.paralleljob.model;

import java.util.List;
import java.util.Map;

/**
 * The program run for every item: argv, extra environment, working directory (null: inherit), and
 * how long one attempt may run before it is killed (null: no limit), and how items reach it.
 */
public record CommandTemplate(List<String> argv, Map<String, String> env, String workingDir, Long timeoutSeconds,
        Delivery delivery) {
    public CommandTemplate {
        argv = List.copyOf(argv);
        env = env == null ? Map.of() : Map.copyOf(env);
        delivery = delivery == null ? Delivery.PerItem : delivery;
    }

    public CommandTemplate(List<String> argv, Map<String, String> env, String workingDir, Long timeoutSeconds) {
        this(argv, env, workingDir, timeoutSeconds, Delivery.PerItem);
    }

    /** The same command with another delivery. */
    public CommandTemplate with(Delivery other) {
        return new CommandTemplate(argv, env, workingDir, timeoutSeconds, other);
    }

    public boolean streams() {
        return delivery == Delivery.Stream;
    }

    public CommandTemplate(List<String> argv, Map<String, String> env, String workingDir) {
        this(argv, env, workingDir, null);
    }
}
