package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paralleljob.operator.config.OperatorSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two replicas: only the Lease holder reconciles; when it stops, the other takes over. */
@QuarkusTest
@TestProfile(LeaderElectionTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrdAndAnswerAccessReview.class)
class LeaderElectionTest extends OperatorTestBase {
    /** Its own application: this test stops the leader. */
    public static class OwnApp extends WithLeaderElection {
    }

    @Inject
    Operator leader;

    @Inject
    OperatorSettings settings;

    @Test
    void onlyTheLeaseHolderReconcilesAndTheStandbyTakesOver() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> "operator-1".equals(holder()));
        Operator standby = new Operator(ConfigurationService.newOverriddenConfigurationService(
                leader.getConfigurationService(), o -> o.withKubernetesClient(as("operator-2"))
                        .withLeaderElectionConfiguration(new LeaderElectionConfiguration(
                                settings.leaderElection().leaseName(), WithLeaderElection.LEASE_NAMESPACE,
                                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(300), "operator-2",
                                null, false))));
        standby.register(new ParallelJobReconciler(settings, new SimpleMeterRegistry()));
        standby.start();
        try {
            create(job("first", "IOBound", 2, 4, "sh", "-c", "echo $PJ_ITEM"));
            awaitPhase("first", "Succeeded");
            assertEquals(0, writesBy("operator-2"), "the standby must not act while another holds the Lease");
            assertEquals("operator-1", holder());

            leader.stop();
            await().atMost(Duration.ofSeconds(30)).until(() -> "operator-2".equals(holder()));
            create(job("second", "IOBound", 2, 4, "sh", "-c", "echo $PJ_ITEM"));
            awaitPhase("second", "Succeeded");
            assertTrue(writesBy("operator-2") > 0, "the new leader reconciles");
        } finally {
            standby.stop();
        }
    }

    /** Requests that change something other than the Lease, made with the given user agent since the last call. */
    private int writesBy(String agent) throws InterruptedException {
        int writes = 0;
        for (RecordedRequest r; (r = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            if (agent.equals(r.getHeader("User-Agent")) && !r.getMethod().equals("GET") && !r.getPath().contains("/leases")
                    && !r.getPath().contains("selfsubjectrulesreviews")) {
                writes++;
            }
        }
        return writes;
    }

    private String holder() {
        Lease lease = user.leases().inNamespace(WithLeaderElection.LEASE_NAMESPACE)
                .withName(settings.leaderElection().leaseName()).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }
}
