package io.paralleljob.operator.config;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Every run that talks to a cluster elects a leader. The operator SDK turns leader election on
 * only for the profiles listed at build time (application.properties: prod and dev); an operator
 * started with any other profile would reconcile beside its replicas, two writers for every job.
 * Such a start is refused, with what to do. Only tests run without it: they are one operator on a
 * mock API server, and the tests that need several operators elect them themselves.
 */
@ApplicationScoped
public class LeaderElectionGuard {
    void check(@Observes @Priority(1) StartupEvent start, Operator operator) {
        String problem = problem(LaunchMode.current(),
                operator.getConfigurationService().getLeaderElectionConfiguration().isPresent(),
                ConfigUtils.getProfiles());
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Why this start must not go on; null when it may. */
    static String problem(LaunchMode mode, boolean electing, List<String> profiles) {
        if (electing || mode == LaunchMode.TEST) {
            return null;
        }
        return "leader election is off for profile " + String.join(",", profiles) + ": replicas of this operator "
                + "would all reconcile. Start it with the prod or dev profile, or add the profile to "
                + "quarkus.operator-sdk.activate-leader-election-for-profiles and build again";
    }
}
