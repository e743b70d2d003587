package io.paralleljob.operator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import java.io.FileReader;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every real run elects a leader: prod and dev do, any other profile refuses to start, tests may go without. */
class LeaderElectionGuardTest {
    @Test
    void prodAndDevElectALeader() throws Exception {
        Properties p = new Properties();
        try (FileReader in = new FileReader("src/main/resources/application.properties")) {
            p.load(in);
        }
        List<String> profiles = Arrays.asList(p.getProperty("quarkus.operator-sdk.activate-leader-election-for-profiles")
                .split(","));
        assertTrue(profiles.containsAll(List.of("prod", "dev")), profiles.toString());
    }

    @Test
    void aRunWithoutLeaderElectionIsRefusedUnlessItIsATest() {
        String refused = LeaderElectionGuard.problem(LaunchMode.NORMAL, false, List.of("staging"));
        assertNotNull(refused);
        assertTrue(refused.contains("staging") && refused.contains("activate-leader-election-for-profiles"), refused);
        assertNotNull(LeaderElectionGuard.problem(LaunchMode.DEVELOPMENT, false, List.of("local")));
        assertNull(LeaderElectionGuard.problem(LaunchMode.NORMAL, true, List.of("prod")));
        assertNull(LeaderElectionGuard.problem(LaunchMode.TEST, false, List.of("test")));
        assertEquals(null, LeaderElectionGuard.problem(LaunchMode.DEVELOPMENT, true, List.of("dev")));
    }
}
