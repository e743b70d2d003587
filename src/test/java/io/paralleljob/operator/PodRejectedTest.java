package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A pod the API server refuses (422) fails the job with the server's reason. An application and
 * mock server of its own: a canned answer in a server shared with other test classes did not
 * reliably meet this test's request.
 */
@QuarkusTest
@TestProfile(PodRejectedTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class PodRejectedTest extends OperatorTestBase {
    public static class OwnApp implements QuarkusTestProfile {
    }

    @Test
    void aPodTheApiServerRefusesFailsTheJobWithItsReason() {
        // A namespace of its own: the refusal must meet this job's pod, not another test's.
        server.expect().post().withPath("/api/v1/namespaces/refusing/pods").andReturn(422,
                new io.fabric8.kubernetes.api.model.StatusBuilder().withStatus("Failure").withCode(422)
                        .withReason("Invalid").withMessage("Pod \"refused-0-0\" is invalid: spec.containers[0]"
                                + ".resources.requests: Invalid value: \"4\": must be less than or equal to cpu limit")
                        .build()).once();
        ParallelJob j = job("refused", "IOBound", 1, 3, "true");
        j.getMetadata().setNamespace("refusing");
        user.resource(j).create();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                ParallelJob now = user.resources(ParallelJob.class).inNamespace("refusing").withName("refused").get();
                return now.getStatus() != null && "Failed".equals(now.getStatus().getPhase());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("job: " + io.fabric8.kubernetes.client.utils.Serialization.asYaml(
                    user.resources(ParallelJob.class).inNamespace("refusing").withName("refused").get())
                    + "\npods: " + user.pods().inNamespace("refusing").list().getItems().stream()
                            .map(p -> p.getMetadata().getName()).toList()
                    + "\nconfigmaps: " + user.configMaps().inNamespace("refusing").list().getItems().stream()
                            .map(c -> c.getMetadata().getName()).toList(), e);
        }
        ParallelJob failed = user.resources(ParallelJob.class).inNamespace("refusing").withName("refused").get();
        assertEquals("PodRejected", condition(failed, "Failed").getReason());
        assertTrue(condition(failed, "Failed").getMessage().contains("must be less than or equal to cpu limit"),
                condition(failed, "Failed").getMessage());
    }

}
