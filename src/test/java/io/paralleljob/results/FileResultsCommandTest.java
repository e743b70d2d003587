package io.paralleljob.results;

import static io.paralleljob.results.Rows.failed;
import static io.paralleljob.results.Rows.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ResultRows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code results --file PATH}: a local run's results file as a user reads it. */
class FileResultsCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int results(String... args) {
        return new ResultsCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
                    throw new AssertionError("a file needs no cluster");
                }).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(ItemRun... rows) throws IOException {
        Path f = dir.resolve("r.jsonl");
        Files.writeString(f, List.of(rows).stream().map(ResultRows::line).collect(Collectors.joining("\n", "", "\n")));
        return f;
    }

    private List<ItemRun> printedRows() {
        return out().lines().map(ResultRows::parse).toList();
    }

    @Test
    void theLatestRowPerIndexWinsAndRowsComeInIndexOrder() throws IOException {
        // As a run writes it: in finishing order; then a rerun appends item 1's new outcome.
        Path f = file(ok(2, "c", "C"), failed(1, "b", 3, "boom"), ok(0, "a", "A"), ok(1, "b", "B"));
        assertThat(results("--file", f.toString())).isZero();
        assertThat(printedRows()).extracting(ItemRun::index, ItemRun::output)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, "A"), org.assertj.core.groups.Tuple.tuple(1, "B"),
                        org.assertj.core.groups.Tuple.tuple(2, "C"));
        assertThat(err()).isEmpty();
    }

    @Test
    void failedListsOnlyTheItemsWhoseLatestOutcomeFailed() throws IOException {
        Path f = file(failed(0, "a", 1, "x"), ok(1, "b", "B"), failed(2, "c", 2, "y"), ok(0, "a", "A"),
                ok(3, "d", "D"), failed(3, "d", 9, "later failure"));
        assertThat(results("--file", f.toString(), "--failed")).isZero();
        assertThat(printedRows()).extracting(ItemRun::index).containsExactly(2, 3);
        assertThat(printedRows().get(1).exitCode()).isEqualTo(9);
    }

    @Test
    void csvHasAHeaderAndQuotesWhatNeedsIt() throws IOException {
        Path f = file(ok(0, "a,b", "say \"hi\""), failed(1, "plain", 2, "line1\nline2"));
        assertThat(results("--file", f.toString(), "-o", "csv")).isZero();
        assertThat(out()).isEqualTo(RowFormat.CSV_HEADER + "\n"
                + "0,\"a,b\",0,1,1700000000000,12,3,\"say \"\"hi\"\"\",,\n"
                + "1,plain,2,2,1700000000001,15,4,,,\"line1\nline2\"\n");
    }

    @Test
    void aTableShowsWhyAnItemFailedAndCountsThem() throws IOException {
        Path f = file(ok(0, "alpha", "A"), failed(1, "beta", 3, "Traceback\nValueError: bad beta"));
        assertThat(results("--file", f.toString(), "-o", "table")).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).startsWith("INDEX  ITEM ").contains("EXIT", "OUTPUT");
        assertThat(lines.get(1)).matches("\\s*0  alpha\\s+0\\s+1\\s+12  A");
        assertThat(lines.get(2)).contains("beta").contains(" 3 ").endsWith("stderr: ValueError: bad beta");
        assertThat(lines.get(3)).isEqualTo("2 shown: 2 items with an outcome, 1 succeeded, 1 failed");
    }

    @Test
    void aTornLastLineFromAKilledRunIsSkippedWithAWarning() throws IOException {
        Path f = file(ok(0, "a", "A"), ok(1, "b", "B"));
        Files.writeString(f, "{\"index\":2,\"item\":\"c\",\"exitC", java.nio.file.StandardOpenOption.APPEND);
        assertThat(results("--file", f.toString())).isZero();
        assertThat(printedRows()).extracting(ItemRun::index).containsExactly(0, 1);
        assertThat(err()).startsWith("warning: " + f + ":3: not a result row").contains("skipped");
    }

    @Test
    void aBadRowInTheMiddleIsAnErrorNamingItsLine() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, ResultRows.line(ok(0, "a", "A")) + "\nnot json\n" + ResultRows.line(ok(1, "b", "B")) + "\n");
        assertThat(results("--file", f.toString())).isEqualTo(ResultsCommand.EXIT_UNREADABLE);
        assertThat(err()).startsWith("error: " + f + ":2: not a result row");
        assertThat(err().lines().count()).isOne();
        assertThat(out()).isEmpty();
    }

    @Test
    void aMissingFileIsOneLineAndExitOne() {
        assertThat(results("--file", dir.resolve("nope.jsonl").toString())).isEqualTo(ResultsCommand.EXIT_UNREADABLE);
        assertThat(err()).isEqualTo("error: " + dir.resolve("nope.jsonl") + ": no such file\n");
    }

    @Test
    void badArgumentsAreExitTwo() {
        assertThat(results()).isEqualTo(ResultsCommand.EXIT_USAGE);
        assertThat(err()).startsWith("error: NAME: missing; usage: results NAME");
        err.reset();
        assertThat(results("--file", "x", "-o", "xml")).isEqualTo(ResultsCommand.EXIT_USAGE);
        assertThat(err()).isEqualTo("error: -o: expected jsonl, csv or table (got 'xml')\n");
        err.reset();
        assertThat(results("job", "--file", "x")).isEqualTo(ResultsCommand.EXIT_USAGE);
    }

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
        assertThat(results("--help")).isZero();
        assertThat(out()).contains("--failed", "-o, --output", "--file PATH", "-n, --namespace", "Exit codes: 0");
    }
}
