package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ResultRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --results} and {@code run --rerun-failed}: every item's full result in a file, and reruns from it. */
class RunResultsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Path jobFile(String spec) throws IOException {
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, "apiVersion: paralleljob.io/v1alpha1\nkind: ParallelJob\nmetadata:\n  name: demo\nspec:\n"
                + spec.indent(2));
        return f;
    }

    /** Items 0..n-1; those divisible by 3 fail unless the file {@code fixed} exists. */
    private Path everyThirdFails(int n) throws IOException {
        return jobFile("workload: IOBound\nparallelism: 4\nrange: {start: 0, end: " + n + "}\n"
                + "template:\n  command: [\"sh\", \"-c\", \"echo out-$PJ_ITEM; [ -e " + dir.resolve("fixed")
                + " ] || [ $((PJ_ITEM % 3)) -ne 0 ] || { echo boom-$PJ_ITEM >&2; exit 3; }\"]\n");
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return assertTimeoutPreemptively(Duration.ofSeconds(40), () -> new RunCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args));
    }

    private static List<ItemRun> rows(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(ResultRows::parse).toList();
    }

    @Test
    void everyItemsFullResultIsALineOfTheFile() throws IOException {
        Path job = everyThirdFails(10);
        Path results = dir.resolve("r.jsonl");
        int exit = run(job.toString(), "--results", results.toString(), "-q", "-o", "json");
        assertThat(exit).isEqualTo(1);
        List<ItemRun> rows = rows(results);
        assertThat(rows).extracting(ItemRun::index).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        ItemRun three = rows.stream().filter(r -> r.index() == 3).findFirst().orElseThrow();
        assertThat(three.item()).isEqualTo("3");
        assertThat(three.exitCode()).isEqualTo(3);
        assertThat(three.output()).isEqualTo("out-3");
        assertThat(three.stderrTail()).contains("boom-3");
        assertThat(three.attempts()).isEqualTo(1);
        assertThat(three.startEpochMillis()).isPositive();
        JsonNode ref = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("status")
                .path("resultsRef");
        assertThat(ref.path("store").asText()).isEqualTo("File");
        assertThat(ref.path("location").asText()).isEqualTo(results.toString());
        assertThat(ref.path("recorded").asLong()).isEqualTo(10);
        assertThat(ref.path("command").asText()).endsWith("results --file " + results);
    }

    @Test
    void aFileThatCannotBeWrittenIsInvalidInputAndNothingRuns() throws IOException {
        Path job = everyThirdFails(3);
        int exit = run(job.toString(), "--results", dir.resolve("no/such/dir/r.jsonl").toString(), "-q");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --results: cannot write ");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aRerunRunsExactlyTheFailedItemsUnderTheirIndexesAndAppends() throws IOException {
        Path job = everyThirdFails(10);
        Path results = dir.resolve("r.jsonl");
        assertThat(run(job.toString(), "--results", results.toString(), "-q")).isEqualTo(1);
        Files.createFile(dir.resolve("fixed")); // whatever made them fail is fixed

        int exit = run(job.toString(), "--rerun-failed", results.toString(), "-q", "-o", "json");
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<ItemRun> rows = rows(results);
        assertThat(rows).hasSize(10 + 4);
        assertThat(rows.subList(10, 14)).extracting(ItemRun::index).containsExactlyInAnyOrder(0, 3, 6, 9);
        assertThat(rows.subList(10, 14)).allMatch(ItemRun::succeeded).extracting(ItemRun::output)
                .containsExactlyInAnyOrder("out-0", "out-3", "out-6", "out-9");
        JsonNode status = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("status");
        assertThat(status.path("items").path("total").asInt()).isEqualTo(4);

        assertThat(run(job.toString(), "--rerun-failed", results.toString(), "-q")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("nothing to rerun: every item succeeded in "
                + results + "\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(rows(results)).hasSize(14);
    }

    @Test
    void itemsAStoppedRunNeverFinishedAreRunAgainToo() throws IOException {
        Path job = everyThirdFails(6);
        Path results = dir.resolve("r.jsonl");
        // As a run stopped mid-write leaves it: items 1 and 2 finished, item 4 half-written.
        Files.writeString(results, ResultRows.line(new ItemRun(1, "1", 0, "out-1", null, null, 1, 1, null, 1, 0)) + "\n"
                + ResultRows.line(new ItemRun(2, "2", 0, "out-2", null, null, 1, 1, null, 1, 0)) + "\n{\"index\":4,");
        Files.createFile(dir.resolve("fixed"));
        assertThat(run(job.toString(), "--rerun-failed", results.toString(), "-q")).isZero();
        List<String> lines = Files.readAllLines(results);
        // The torn row is cut off (it held no result), so the file reads whole again: by the
        // results command and by a further rerun.
        assertThat(lines.stream().map(ResultRows::parse).map(ItemRun::index)).containsExactlyInAnyOrder(1, 2, 0, 3,
                4, 5);
        assertThat(run(job.toString(), "--rerun-failed", results.toString(), "-q")).isZero();
        assertThat(Files.readAllLines(results)).as("nothing left to run").hasSize(6);
    }

    @Test
    void aWholeLastRowWithoutItsNewlineIsKeptAndNotRunAgain() throws IOException {
        Path job = everyThirdFails(3);
        Path results = dir.resolve("whole.jsonl");
        // Killed between a row and its newline (two writes): the row is whole and counts as done.
        Files.writeString(results, ResultRows.line(new ItemRun(0, "0", 0, "out-0", null, null, 1, 1, null, 1, 0))
                + "\n" + ResultRows.line(new ItemRun(1, "1", 0, "out-1", null, null, 1, 1, null, 1, 0)));
        Files.createFile(dir.resolve("fixed"));
        assertThat(run(job.toString(), "--rerun-failed", results.toString(), "-q")).isZero();
        assertThat(Files.readAllLines(results).stream().map(ResultRows::parse).map(ItemRun::index))
                .as("item 1 kept, only item 2 run").containsExactly(0, 1, 2);
    }

    @Test
    void aResultsFileOfAnotherWorkListIsRefused() throws IOException {
        Path job = everyThirdFails(5);
        Path results = dir.resolve("other.jsonl");
        Files.writeString(results, ResultRows.line(new ItemRun(2, "two", 1, "", null, null, 1, 1, null, 1, 0)) + "\n");
        assertThat(run(job.toString(), "--rerun-failed", results.toString(), "-q")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --rerun-failed: " + results + ":1: item 2 "
                + "is 'two' there and '2' in the job: the file was written for another work list\n");
        assertThat(run(job.toString(), "--rerun-failed", dir.resolve("none.jsonl").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void aRerunAppendsToTheFileItReadsAndNoOther() throws IOException {
        Path job = everyThirdFails(3);
        assertThat(run(job.toString(), "--rerun-failed", "a.jsonl", "--results", "b.jsonl")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("error: --results: a rerun appends to the file it "
                + "reruns (a.jsonl); leave out --results, or give it the same path\n");
    }
}
