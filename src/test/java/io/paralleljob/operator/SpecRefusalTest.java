package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Jobs the operator refuses before anything is created: what they ask for is not allowed (a
 * Secret in the environment) or cannot be stored (a spec too large for its task ConfigMap). Each
 * fails with the reason in its Failed condition, and no pod and no ConfigMap is made for it.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class SpecRefusalTest extends OperatorTestBase {

    @Test
    void aSecretInTheEnvironmentIsRefusedByDefault() {
        ParallelJob j = job("peek", "IOBound", 1, 1, "sh", "-c", "echo $TOKEN");
        j.getSpec().getTemplate().setEnv(List.of(new EnvVarBuilder().withName("TOKEN").withNewValueFrom()
                .withNewSecretKeyRef().withName("db-credentials").withKey("password").endSecretKeyRef()
                .endValueFrom().build()));
        create(j);
        ParallelJob done = awaitPhase("peek", "Failed");

        String message = condition(done, "Failed").getMessage();
        assertEquals("InvalidSpec", condition(done, "Failed").getReason());
        assertTrue(message.startsWith("spec.template.env[0].valueFrom.secretKeyRef: "), message);
        assertTrue(message.contains("paralleljob.allow-secret-env=true"), "names the setting: " + message);
        assertNothingCreated("peek");
    }

    void assertNothingCreated(String name) {
        assertEquals(List.of(), pods(name));
        assertEquals(List.of(), user.configMaps().inNamespace(NS).withLabel(Labels.JOB, name).list().getItems());
        assertEquals(List.of(), startedPods(name));
    }
}
