package io.paralleljob.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Two operator replicas must never reconcile at once (they would race to create pods and write
 * status): they elect a leader through a coordination.k8s.io Lease; the others wait, ready to take
 * over when the leader stops renewing it. Active in every profile but test (prod and dev; see
 * application.properties and LeaderElectionGuard).
 */
@ApplicationScoped
public class LeaderElection {
    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(OperatorSettings settings) {
        OperatorSettings.Lease lease = settings.leaderElection();
        return new LeaderElectionConfiguration(lease.leaseName(), lease.leaseNamespace().orElse(null),
                Duration.ofSeconds(lease.leaseDurationSeconds()), Duration.ofSeconds(lease.renewDeadlineSeconds()),
                Duration.ofMillis(lease.retryPeriodMillis()), lease.identity().orElse(null), null, lease.exitOnStopLeading());
    }
}
