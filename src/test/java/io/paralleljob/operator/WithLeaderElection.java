package io.paralleljob.operator;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** An application of its own with leader election on (off in the test profile only), with short lease times. */
public class WithLeaderElection implements QuarkusTestProfile {
    public static final String LEASE_NAMESPACE = "operators";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.operator-sdk.activate-leader-election-for-profiles", "prod,test",
                "paralleljob.leader-election.lease-namespace", LEASE_NAMESPACE,
                "paralleljob.leader-election.identity", "operator-1",
                "paralleljob.leader-election.lease-duration-seconds", "6",
                "paralleljob.leader-election.renew-deadline-seconds", "4",
                "paralleljob.leader-election.retry-period-millis", "300",
                "paralleljob.leader-election.exit-on-stop-leading", "false");
    }
}
