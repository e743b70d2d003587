package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.model.ItemRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a user reads on stderr while a job runs. */
class ProgressReporterTest {
    private final ProgressReporter progress = new ProgressReporter("demo", 40,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false);

    @Test
    void theLineGivesTheTimeLeftAtTheRateSoFar() {
        assertThat(progress.line(10, 0, 5_000, null))
                .isEqualTo("demo: 10/40 items done, 0 failed, 5.0s elapsed, about 15.0s left (starting)");
    }

    @Test
    void theLineNamesTheLatestFailureWithTheLastLineOfItsError() {
        ItemRun failed = new ItemRun(7, "x", 3, "", "reading input\nValueError: bad row 7", null, 0, 10, 1L, 1, 0);
        assertThat(progress.line(8, 1, 2_000, failed))
                .endsWith("; latest failure: item 7 exited 3: ValueError: bad row 7");
    }

    @Test
    void noEstimateBeforeTheFirstItemNorAfterTheLast() {
        assertThat(progress.line(0, 0, 1_000, null)).doesNotContain("left");
        assertThat(progress.line(40, 0, 9_000, null)).doesNotContain("left");
    }
}
