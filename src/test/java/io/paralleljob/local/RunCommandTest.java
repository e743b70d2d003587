package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paralleljob.aggregate.JobSnapshot;
import io.paralleljob.aggregate.StatusBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import io.paralleljob.runner.ChildCpuClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code run FILE} command end to end, in this JVM, as a user at a terminal sees it. */
class RunCommandTest {
    /** A slow item's command, unique to this run: a process scan must not count another build's items. */
    private static final String SLOW = "sleep 29." + String.format("%06d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
    /** A CPU-bound item: 0.3 s of CPU time, however long the machine takes to give it. */
    static final String BURN = "import time\\nt = time.process_time()\\n"
            + "while time.process_time() - t < 0.3: pass";
    static final String SQUARE = "import os; print(int(os.environ['PJ_ITEM']) ** 2)";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path jobFile(String spec) throws IOException {
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, "apiVersion: paralleljob.io/v1alpha1\nkind: ParallelJob\nmetadata:\n  name: demo\nspec:\n"
                + spec.indent(2));
        return f;
    }

    private static String python(String code) {
        return "template:\n  command: [\"python3\", \"-c\", \"" + code + "\"]\n";
    }

    private static String sh(String script) {
        return "template:\n  command: [\"sh\", \"-c\", \"" + script + "\"]\n";
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(40), () -> new RunCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(args));
    }

    private JsonNode printedYaml() throws IOException {
        return new YAMLMapper().readTree(out());
    }

    private static List<String> field(JsonNode results, String name) {
        List<String> values = new ArrayList<>();
        results.forEach(r -> values.add(r.path(name).asText()));
        return values;
    }

    @Test
    void aSucceedingJobExitsZeroAndPrintsItsStatusAsYaml() throws IOException {
        Path f = jobFile("workload: IOBound\nparallelism: 2\nitems: [\"7\", \"11\", \"13\"]\n" + python(SQUARE));

        assertThat(run(f.toString(), "--quiet")).isZero();

        JsonNode job = printedYaml();
        assertThat(job.path("kind").asText()).isEqualTo("ParallelJob");
        assertThat(job.path("metadata").path("name").asText()).isEqualTo("demo");
        JsonNode status = job.path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Succeeded");
        assertThat(status.path("strategy").asText()).isEqualTo("Threads");
        assertThat(status.path("items").path("succeeded").asInt()).isEqualTo(3);
        assertThat(field(status.path("results"), "output")).containsExactly("49", "121", "169");
        assertThat(field(status.path("results"), "item")).containsExactly("7", "11", "13");
        assertThat(field(status.path("conditions"), "type")).contains("Complete");
        assertThat(err()).as("--quiet prints no progress").isEmpty();
    }

    @Test
    void thePrintedJobCanBeReadBackAsAJobFile() throws IOException {
        // strings a YAML reader would take for numbers, booleans or null unless they are quoted
        List<String> items = List.of("7", "007", "1.0", "1e3", "0x10", "0o17", ".inf", "yes", "off", "null", "~", "-", "");
        StringBuilder list = new StringBuilder();
        items.forEach(i -> list.append(list.length() == 0 ? "" : ", ").append('"').append(i).append('"'));
        Path f = jobFile("workload: IOBound\nitems: [" + list + "]\n" + sh("printf %s \\\"$PJ_ITEM\\\""));
        assertThat(run(f.toString(), "--quiet")).as(err()).isZero();

        Path again = dir.resolve("printed.yaml");
        Files.writeString(again, out());
        ParallelJob job = JobFileReader.read(again);
        assertThat(job.getSpec().getItems()).as("items stay the same strings").containsExactlyElementsOf(items);
        assertThat(job.getStatus().getResults()).extracting(r -> r.getOutput())
                .as("outputs stay the same strings").containsExactlyElementsOf(items);
        assertThat(job.getStatus().getPhase()).isEqualTo("Succeeded");
    }

    @Test
    void aFailingItemMakesTheRunExitOneAndSaysWhich() throws IOException {
        Path f = jobFile("workload: IOBound\nitems: [\"a\", \"b\", \"c\"]\n"
                + sh("if [ $PJ_ITEM = b ]; then echo bad item >&2; exit 4; fi; echo fine"));

        assertThat(run(f.toString(), "-q")).isEqualTo(1);

        JsonNode status = printedYaml().path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        assertThat(status.path("items").path("failed").asInt()).isEqualTo(1);
        assertThat(status.path("results").get(1).path("exitCode").asInt()).isEqualTo(4);
        assertThat(status.path("results").get(1).path("stderr").asText()).isEqualTo("bad item");
        assertThat(status.path("results").get(0).path("output").asText()).isEqualTo("fine");
        JsonNode failed = condition(status, "Failed");
        assertThat(failed.path("message").asText()).contains("(index 1)").contains("bad item");
    }

    /** A command that cannot start fails the job at once, naming it, instead of failing every item alike. */
    @Test
    void aCommandThatCannotStartStopsTheJobAtOnce() throws IOException {
        Path f = jobFile("workload: IOBound\nparallelism: 2\nrange: {start: 0, end: 500}\n"
                + "template:\n  command: [\"pyhton3-no-such-program\", \"-c\", \"print(1)\"]\n");

        assertThat(run(f.toString(), "-o", "json", "-q")).isEqualTo(1);

        JsonNode status = new ObjectMapper().readTree(out()).path("status");
        assertThat(status.path("phase").asText()).isEqualTo("Failed");
        JsonNode failed = condition(status, "Failed");
        assertThat(failed.path("reason").asText()).isEqualTo("CommandNotFound");
        assertThat(failed.path("message").asText()).contains("cannot start pyhton3-no-such-program")
                .contains("spec.template.command");
        assertThat(status.path("results").size()).as("one failed item per thread at most, not 500")
                .isBetween(1, 2);
    }

    private static JsonNode condition(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " condition in " + status);
    }

    @Test
    void jsonOutputParsesAsJson() throws IOException {
        Path f = jobFile("workload: IOBound\nrange: {start: 2, end: 5}\n" + python(SQUARE));

        assertThat(run(f.toString(), "-o", "json", "--quiet")).isZero();

        JsonNode job = new ObjectMapper().readTree(out());
        assertThat(job.path("apiVersion").asText()).isEqualTo("paralleljob.io/v1alpha1");
        assertThat(job.path("status").path("phase").asText()).isEqualTo("Succeeded");
        assertThat(field(job.path("status").path("results"), "output")).containsExactly("4", "9", "16");
        assertThat(job.path("status").path("timing").path("wallMillis").asLong()).isPositive();
    }

    @Test
    void parallelismZeroIsInvalidAndNothingRuns() throws IOException {
        Path marker = dir.resolve("ran");
        Path f = jobFile("items: [\"a\"]\n" + sh("touch " + marker));

        assertThat(run(f.toString(), "--parallelism", "0")).isEqualTo(2);

        assertThat(err()).contains("spec.parallelism").contains("got 0");
        assertThat(out()).isEmpty();
        assertThat(marker).doesNotExist();
    }

    @Test
    void invalidInputExitsTwoNamingTheProblem() throws IOException {
        Path f = jobFile("paralelism: 3\nitems: [\"a\"]\n" + sh("true"));
        assertThat(run(f.toString())).isEqualTo(2);
        assertThat(err()).contains("spec.paralelism");

        err.reset();
        assertThat(run(dir.resolve("missing.yaml").toString())).isEqualTo(2);
        assertThat(err()).contains("missing.yaml").contains("no such file");

        err.reset();
        assertThat(run(f.toString(), "-o", "xml")).isEqualTo(2);
        assertThat(err()).contains("-o");

        err.reset();
        Path ok = jobFile("items: [\"a\"]\n" + sh("true"));
        assertThat(run(ok.toString(), "--workload", "Fast")).isEqualTo(2);
        assertThat(err()).contains("spec.workload");

        err.reset();
        Path secret = jobFile("items: [\"a\"]\n" + sh("true")
                + "  env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: s, key: k}}}]\n");
        assertThat(run(secret.toString())).isEqualTo(2);
        assertThat(err()).contains("spec.template.env[0].valueFrom").contains("literal value");

        err.reset();
        assertThat(run()).isEqualTo(2);
        assertThat(err()).contains("usage");
        assertThat(out()).isEmpty();
    }

    @Test
    void aDashReadsTheJobFromStandardInput() throws IOException {
        String job = "apiVersion: paralleljob.io/v1alpha1\nkind: ParallelJob\nmetadata:\n  name: piped\nspec:\n"
                + ("workload: IOBound\nitems: [\"3\"]\n" + python(SQUARE)).indent(2);
        RunCommand fromStdin = new RunCommand(new java.io.ByteArrayInputStream(job.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(fromStdin.run("-", "-q")).as(err()).isZero();

        assertThat(printedYaml().path("metadata").path("name").asText()).isEqualTo("piped");
        assertThat(field(printedYaml().path("status").path("results"), "output")).containsExactly("9");

        err.reset();
        RunCommand broken = new RunCommand(new java.io.ByteArrayInputStream("kind: [".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(broken.run("-")).isEqualTo(2);
        assertThat(err()).startsWith("error: stdin: not valid YAML");
    }

    @Test
    void helpListsTheOptionsAndTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("usage: run FILE", "- reads it from standard input", "-o, --output",
                "--parallelism N", "--workload W", "-q, --quiet", "Exit codes: 0", "1 it failed", "2 the input is invalid");
        assertThat(err()).isEmpty();
    }

    @Test
    void progressGoesToStderrUnlessQuiet() throws IOException {
        Path f = jobFile("workload: IOBound\nitems: [\"a\"]\n" + sh("echo hi"));
        assertThat(run(f.toString())).isZero();
        assertThat(err()).contains("demo: Threads");
        assertThat(out()).doesNotContain("demo: Threads");
    }

    @Test
    void autoOnASleepingJobChoosesThreads() throws IOException {
        Path f = jobFile("items: [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\n" + sh("sleep 0.2; echo $PPID"));

        assertThat(run(f.toString(), "-o", "json", "-q")).isZero();

        JsonNode status = new ObjectMapper().readTree(out()).path("status");
        assertThat(status.path("decision").path("strategy").asText()).isEqualTo("Threads");
        assertThat(status.path("decision").path("reason").asText()).containsPattern("\\d+%").contains("I/O-bound");
        assertThat(status.path("strategy").asText()).isEqualTo("Threads");
        assertThat(status.path("items").path("succeeded").asInt()).isEqualTo(6);
        // threads: every item is a child of this very process
        assertThat(field(status.path("results"), "output")).containsOnly(Long.toString(ProcessHandle.current().pid()));
        assertThat(condition(status, "StrategyResolved").path("reason").asText()).isEqualTo("Measured");
    }

    @Test
    void autoOnACpuBoundJobChoosesPods() throws IOException {
        Path f = jobFile("parallelism: 2\nitems: [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\n" + python(BURN));

        assertThat(run(f.toString(), "-o", "json", "-q")).as(err()).isZero();

        JsonNode status = new ObjectMapper().readTree(out()).path("status");
        assertThat(status.path("items").path("succeeded").asInt()).isEqualTo(6);
        JsonNode decision = status.path("decision");
        assertThat(decision.path("sampleItems").asInt()).isEqualTo(4);
        // the sample's 4 items burned 4 x 0.3 s of CPU, and that is what was measured
        assertThat(decision.path("cpuMillis").asLong()).isBetween(1150L, 2000L);
        assertThat(decision.path("reason").asText()).containsPattern("\\d+%");
        assertThat(status.path("strategy").asText()).isEqualTo(decision.path("strategy").asText());

        // Time spent waiting for a CPU is left out, so a build sharing the machine does not make
        // CPU-bound items look idle.
        assertThat(decision.path("computingShare").asDouble()).as(decision.toString()).isGreaterThanOrEqualTo(0.5);
        assertThat(decision.path("strategy").asText()).isEqualTo("Pods");
        assertThat(decision.path("workload").asText()).isEqualTo("CPUBound");
        assertThat(decision.path("reason").asText()).contains("CPU-bound");
        // decided from the first four to finish, while the job ran as Threads: no item waited for a sample
        assertThat(decision.path("itemsDoneAtDecision").asInt()).isBetween(4, 6);
        assertThat(decision.path("decidedAt").asText()).isNotEmpty();
        assertThat(field(status.path("results"), "index")).as("every item once, Threads' and Pods' together")
                .containsExactly("0", "1", "2", "3", "4", "5");
    }

    @Test
    void autoMeasuresOnlyItsOwnItemsEvenAfterAPodsRunInTheSameProcess() throws IOException {
        // The runner JVMs of a Pods run are children of this process too: their CPU time must not
        // be charged to the next job's sample and turn a sleeping job "CPU-bound".
        ChildCpuClock.shared(); // as after any earlier in-process run: the clock is already counting
        Path pods = jobFile("workload: CPUBound\nparallelism: 2\nitems: [\"a\", \"b\"]\n" + sh("echo x"));
        assertThat(run(pods.toString(), "-q")).isZero();
        out.reset();

        Path sleepy = jobFile("items: [\"a\", \"b\", \"c\", \"d\"]\n" + sh("sleep 0.2"));
        assertThat(run(sleepy.toString(), "-o", "json", "-q")).isZero();

        JsonNode decision = new ObjectMapper().readTree(out()).path("status").path("decision");
        assertThat(decision.path("strategy").asText()).as(decision.toString()).isEqualTo("Threads");
        assertThat(decision.path("computingShare").asDouble()).as(decision.toString()).isLessThan(0.2);
    }

    /**
     * Local Pods: each shard is what its pod would run (the runner's own arguments pick its items),
     * in this process, each item its own child process: no runner JVM to start per shard.
     */
    @Test
    void podsRunEachShardByThePlansRuleWithEveryItemItsOwnProcess() throws IOException {
        Path f = jobFile("workload: CPUBound\nparallelism: 3\nitems: [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]\n"
                + sh("echo $PPID $$"));

        assertThat(run(f.toString(), "-o", "json", "-q")).as(err()).isZero();

        JsonNode status = new ObjectMapper().readTree(out()).path("status");
        assertThat(status.path("strategy").asText()).isEqualTo("Pods");
        assertThat(status.path("decision").isMissingNode()).isTrue();
        JsonNode results = status.path("results");
        assertThat(results).hasSize(6);
        // items are strided over shards: item i on shard i mod 3
        assertThat(field(results, "shard")).containsExactly("0", "1", "2", "0", "1", "2");
        List<String> parentAndSelf = field(results, "output");
        assertThat(parentAndSelf).allSatisfy(o -> assertThat(o.split(" ")[0])
                .isEqualTo(Long.toString(ProcessHandle.current().pid())));
        assertThat(parentAndSelf.stream().map(o -> o.split(" ")[1]).distinct()).as("a process per item").hasSize(6);
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("no item process is left behind").isZero();
    }

    @Test
    void anInterruptedRunKeepsTheJobsStartTimeAndDuration() {
        Instant started = Instant.parse("2026-01-01T10:00:00Z");
        Instant now = started.plusSeconds(42);
        long signalled = now.toEpochMilli();
        // the item that finished started 20 s after the job (a slow start); the other died of the signal
        ItemRun fast = new ItemRun(0, "quick", 0, "fast", null, null,
                started.toEpochMilli() + 20_000, 100, 10L, 1, 0);
        ItemRun killed = new ItemRun(1, "slow", 143, "", null, null,
                started.toEpochMilli() + 20_000, signalled - started.toEpochMilli() - 20_000, 10L, 1, 0);
        JobSnapshot s = new JobSnapshot(null, 2,
                List.of(fast, killed), Strategy.Threads, null, true,
                new JobSnapshot.JobFailure("Interrupted", "stopped"), now, started);

        JobSnapshot left = SignalStop.interrupted(s, signalled);

        assertThat(left.runs()).containsExactly(fast);
        assertThat(left.startedAt()).isEqualTo(started);
        var status = StatusBuilder.after(null, left.now()).items(left).build();
        assertThat(status.getStartTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(status.getDuration()).isEqualTo("42.0s");
    }

    @Test
    void activeDeadlineSecondsStopsALocalRunAndKeepsWhatFinished() throws IOException {
        for (String workload : List.of("IOBound", "CPUBound")) {
            out.reset();
            // 6 s: long enough for the quick item to finish even when runner JVMs start slowly on a busy machine
            Path f = jobFile("workload: " + workload + "\nparallelism: 2\nactiveDeadlineSeconds: 6\n"
                    + "items: [quick, slow-1, slow-2]\n"
                    + sh("if [ $PJ_ITEM = quick ]; then echo fast; else " + SLOW + "; fi"));
            long t0 = System.nanoTime();
            assertThat(run(f.toString(), "--quiet")).as(err()).isEqualTo(1);
            assertThat((System.nanoTime() - t0) / 1_000_000_000L).as(workload + " stops at its deadline").isLessThan(6 + 8);
            JsonNode status = printedYaml().path("status");
            assertThat(condition(status, "Failed").path("reason").asText()).isEqualTo("DeadlineExceeded");
            assertThat(field(status.path("results"), "output")).as(workload).containsExactly("fast");
            assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").endsWith(SLOW))
                    .count()).as("no item outlives the deadline").isZero();
        }
    }
}
