package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.paralleljob.api.Limits;
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

    /**
     * Eleven items of 100 000 characters: 1.1 MB, more than a ConfigMap holds (1 MiB). The job
     * used to retry the refused create forever; it fails at once, saying the size, the limit and
     * what to do.
     */
    @Test
    void itemsTooLargeForTheTaskConfigMapFailTheJobAtOnce() {
        ParallelJob j = job("huge", "IOBound", 2, 1, "sh", "-c", "echo ${#PJ_ITEM}");
        j.getSpec().setRange(null);
        j.getSpec().setItems(java.util.Collections.nCopies(11, "x".repeat(100_000)));
        create(j);
        ParallelJob done = awaitPhase("huge", "Failed");

        String message = condition(done, "Failed").getMessage();
        assertEquals("SpecTooLarge", condition(done, "Failed").getReason());
        assertTrue(message.startsWith("spec.items: ") && message.contains("1000000 bytes")
                && message.contains("use a range, shorter items, or split"), message);
        assertNothingCreated("huge");
    }

    /** Six such items (600 KB) fit once the items are stored once: they were in task.json and spec.json both. */
    @Test
    void largeItemsThatFitWhenStoredOnceRun() {
        ParallelJob j = job("wide", "IOBound", 3, 1, "sh", "-c", "echo ${#PJ_ITEM}");
        j.getSpec().setRange(null);
        j.getSpec().setItems(java.util.Collections.nCopies(6, "y".repeat(100_000)));
        create(j);
        ParallelJob done = awaitPhase("wide", "Succeeded");

        assertEquals(6, done.getStatus().getItems().getSucceeded());
        assertTrue(done.getStatus().getResults().stream().allMatch(r -> "100000".equals(r.getOutput())));
        assertTrue(done.getStatus().getResultsOmitted() != null, "six 100 KB items do not all fit in status");
    }

    /**
     * activeDeadlineSeconds: 9223372036854775807 (an old CRD without the maximum lets it in) once
     * ended in ArithmeticException: long overflow on every reconciliation. It is refused, naming
     * the bound, on the first one: no error condition, nothing created.
     */
    @Test
    void aDeadlineBeyondTheMaximumIsRefusedNotOverflowed() {
        ParallelJob j = job("forever", "IOBound", 1, 1, "true");
        j.getSpec().setActiveDeadlineSeconds(Long.MAX_VALUE);
        j.getSpec().setItemTimeoutSeconds(Long.MAX_VALUE);
        create(j);
        ParallelJob done = awaitPhase("forever", "Failed");

        String message = condition(done, "Failed").getMessage();
        assertEquals("InvalidSpec", condition(done, "Failed").getReason());
        assertTrue(message.contains("must be between 1 and " + Limits.MAX_SECONDS), message);
        assertTrue(done.getStatus().getConditions().stream().noneMatch(c -> c.getType().equals("ReconcileError")),
                "refused, not thrown: " + done.getStatus().getConditions());
        assertNothingCreated("forever");
    }

    /** At the maxima (ten years each) every sum and conversion the operator and runner make still fits. */
    @Test
    void deadlinesAtTheMaximumRun() {
        ParallelJob j = job("decade", "CPUBound", 2, 2, "sh", "-c", "echo $PJ_ITEM");
        j.getSpec().setActiveDeadlineSeconds(Limits.MAX_SECONDS);
        j.getSpec().setItemTimeoutSeconds(Limits.MAX_SECONDS);
        create(j);
        ParallelJob done = awaitPhase("decade", "Succeeded");

        assertEquals(List.of("0", "1"), done.getStatus().getResults().stream().map(r -> r.getOutput()).toList());
        assertTrue(done.getStatus().getConditions().stream().noneMatch(c -> c.getType().equals("ReconcileError")));
    }

    void assertNothingCreated(String name) {
        assertEquals(List.of(), pods(name));
        assertEquals(List.of(), user.configMaps().inNamespace(NS).withLabel(Labels.JOB, name).list().getItems());
        assertEquals(List.of(), startedPods(name));
    }
}
