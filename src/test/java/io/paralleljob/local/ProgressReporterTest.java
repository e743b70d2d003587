package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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

    @Test
    void theLastLineCountsWhatTheStatusCountsAfterASignal() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ProgressReporter shown = new ProgressReporter("demo", 4, new PrintStream(err, true, StandardCharsets.UTF_8),
                true);
        ItemRun done = new ItemRun(0, "a", 0, "ok", null, null, 0, 10, 1L, 1, 0);
        ItemRun killedByCtrlC = new ItemRun(1, "b", 130, "", null, null, 0, 10, 1L, 1, 0);
        shown.onItem(done);
        shown.onItem(killedByCtrlC); // reported while the run stopped; unfinished in the status
        JobSnapshot settled = new JobSnapshot(null, 4, List.of(done), Strategy.Threads, null, true,
                new JobSnapshot.JobFailure("Interrupted", "stopped"), Instant.now(), Instant.now());

        var status = StatusBuilder.after(null, settled.now()).items(settled).build();
        shown.close(settled, status);
        String atClose = err.toString(StandardCharsets.UTF_8);
        shown.onItem(new ItemRun(2, "c", 137, "", null, null, 0, 10, 1L, 1, 0));
        shown.close();

        List<String> lines = atClose.lines().toList(); // a tick may have come before the close
        assertThat(lines.get(lines.size() - 1)).startsWith("demo: 1/4 items done, 0 failed,")
                .doesNotContain("latest failure");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("nothing after the last line").isEqualTo(atClose);
    }
}
