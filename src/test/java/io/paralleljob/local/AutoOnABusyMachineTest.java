package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * workload: Auto on a machine whose every core is kept busy by other processes: the sample's
 * items queue for a CPU, which must change neither decision. python3 here is whatever is on the
 * PATH (a pyenv shim on the build machines: about 80-100 ms of start-up CPU per item, the case
 * that made short sleepers look CPU-bound).
 */
class AutoOnABusyMachineTest {
    @TempDir
    Path dir;
    private final List<Process> hogs = new ArrayList<>();

    @BeforeEach
    void keepEveryCoreBusy() throws Exception {
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            hogs.add(new ProcessBuilder("sh", "-c", "while :; do :; done").start());
        }
    }

    @AfterEach
    void stopHogs() {
        hogs.forEach(Process::destroyForcibly);
    }

    private JsonNode decide(String code) throws Exception {
        Path job = dir.resolve("auto.yaml");
        // four items: the sample is the whole job
        Files.writeString(job, "apiVersion: paralleljob.io/v1alpha1\nkind: ParallelJob\nmetadata:\n  name: auto\n"
                + "spec:\n  workload: Auto\n  parallelism: 4\n  range: {start: 0, end: 4}\n"
                + "  template:\n    command: [\"python3\", \"-c\", \"" + code + "\"]\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new RunCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), quiet).run(job.toString(), "-o", "json", "-q"));
        assertThat(exit).isZero();
        JsonNode decision = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("status")
                .path("decision");
        System.out.println("with every core busy: " + decision.path("reason").asText());
        return decision;
    }

    @RepeatedTest(3)
    void shortSleepersAreThreads() throws Exception {
        JsonNode d = decide("import time; time.sleep(0.25)");

        assertThat(d.path("strategy").asText()).as(d.toString()).isEqualTo("Threads");
        assertThat(d.path("computingShare").asDouble()).as(d.toString()).isLessThan(0.45);
    }

    @RepeatedTest(3)
    void computingItemsArePods() throws Exception {
        JsonNode d = decide(RunCommandTest.BURN);

        assertThat(d.path("strategy").asText()).as(d.toString()).isEqualTo("Pods");
        assertThat(d.path("computingShare").asDouble()).as(d.toString()).isGreaterThan(0.6);
    }
}
