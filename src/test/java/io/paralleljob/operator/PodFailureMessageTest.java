package io.paralleljob.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.paralleljob.operator.pods.PodState;
import org.junit.jupiter.api.Test;

/** What a failed worker pod's status says about it in the job's conditions and events. */
class PodFailureMessageTest {
    static Pod failed(int exitCode, String reason, String message) {
        return new PodBuilder().withNewMetadata().withName("j-0-0").endMetadata().withNewStatus().withPhase("Failed")
                .addNewContainerStatus().withName("worker").withNewState().withNewTerminated().withExitCode(exitCode)
                .withReason(reason).withMessage(message).endTerminated().endState().endContainerStatus().endStatus()
                .build();
    }

    @Test
    void aRunnerThatDiedBeforeItsSummarySaysWhyWithTheLogsLastLine() {
        // The kubelet's FallbackToLogsOnError: the log's tail, as the JVM left it.
        Pod pod = failed(1, "Error", "Error occurred during initialization of VM\n"
                + "Could not reserve enough space for object heap\n\n");
        assertEquals("runner exit code 1 (Error): Could not reserve enough space for object heap",
                PodState.describeFailure(pod));
    }

    @Test
    void theRunnersOwnSummaryIsNotRepeatedAsTheReason() {
        Pod pod = failed(1, "Error", "{\"done\":{\"shard\":0,\"items\":3,\"failed\":1}}");
        assertEquals("runner exit code 1 (Error)", PodState.describeFailure(pod));
    }

    @Test
    void aLongLastLineIsCut() {
        String message = PodState.describeFailure(failed(137, "OOMKilled", "x".repeat(1000)));
        assertEquals("runner exit code 137 (OOMKilled): " + "x".repeat(299) + "…", message);
    }
}
