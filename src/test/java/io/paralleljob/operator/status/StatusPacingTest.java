package io.paralleljob.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.paralleljob.api.ParallelJobStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a dashboard sees at once, and what waits for the next write. */
class StatusPacingTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private final StatusPacing pacing = new StatusPacing(Duration.ofSeconds(1));

    private static ParallelJobStatus status(String phase, int succeeded, String completeStatus) {
        ParallelJobStatus s = new ParallelJobStatus();
        s.setPhase(phase);
        s.setProgress(succeeded + "/10");
        s.getConditions().add(new ConditionBuilder().withType("Complete").withStatus(completeStatus)
                .withReason("r").build());
        return s;
    }

    @Test
    void progressWithinTheIntervalWaitsForWhatIsLeftOfIt() {
        pacing.wrote("job", T0);
        Duration wait = pacing.delay("job", status("Running", 1, "False"), status("Running", 2, "False"),
                T0.plusMillis(300));

        assertThat(wait).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void progressAfterTheIntervalIsWrittenAtOnce() {
        pacing.wrote("job", T0);

        assertThat(pacing.delay("job", status("Running", 1, "False"), status("Running", 2, "False"),
                T0.plusMillis(1000))).isNull();
    }

    @Test
    void phaseAndConditionChangesAreNeverHeldBack() {
        pacing.wrote("job", T0);
        Instant soon = T0.plusMillis(10);

        assertThat(pacing.delay("job", status("Running", 9, "False"), status("Succeeded", 10, "True"), soon)).isNull();
        assertThat(pacing.delay("job", status("Running", 9, "False"), status("Running", 9, "True"), soon)).isNull();
        assertThat(pacing.delay("job", null, status("Pending", 0, "False"), soon)).isNull();
    }

    @Test
    void aJobNotWrittenSinceTheOperatorStartedIsWrittenAtOnceAndForgottenJobsLeaveNothing() {
        assertThat(pacing.delay("new", status("Running", 1, "False"), status("Running", 2, "False"), T0)).isNull();

        pacing.wrote("a", T0);
        pacing.wrote("b", T0);
        pacing.forget("a");
        pacing.forget("b");
        assertThat(pacing.size()).isZero();
    }
}
