package io.paralleljob.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run FILE} with delivery: Stream, in each workload: the same answers, one worker per slot. */
class LocalStreamRunTest {
    /** The three-line worker, printing its PID so the test can count workers; item 5 fails by its answer. */
    private static final String WORKER = """
            import os, sys, time
            for line in sys.stdin:
                n = int(line)
                t = time.process_time()
                while time.process_time() - t < 0.05: pass
                print(f"!fail five is refused" if n == 5 else f"{os.getpid()} {n * n}", flush=True)
            """;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"IOBound", "CPUBound", "Auto"})
    void everyWorkloadStreamsItsItemsThroughOneWorkerPerSlot(String workload) throws Exception {
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, """
                apiVersion: paralleljob.io/v1alpha1
                kind: ParallelJob
                metadata: {name: stream}
                spec:
                  workload: %s
                  delivery: Stream
                  parallelism: 2
                  range: {start: 0, end: 24}
                  template:
                    command: ["python3", "-c", %s]
                """.formatted(workload, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(WORKER)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> new RunCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(job.toString(), "--quiet"));
        JsonNode status = new YAMLMapper().readTree(out.toString(StandardCharsets.UTF_8)).path("status");
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1); // item 5 failed
        assertThat(status.path("items").path("succeeded").asInt()).isEqualTo(23);
        assertThat(status.path("failedIndexes").asText()).isEqualTo("5");
        Set<String> workers = new HashSet<>();
        for (JsonNode r : status.path("results")) {
            int index = r.path("index").asInt();
            if (index == 5) {
                assertThat(r.path("output").asText()).isEqualTo("five is refused");
                continue;
            }
            String[] answer = r.path("output").asText().split(" ");
            assertThat(answer[1]).isEqualTo(Integer.toString(index * index));
            assertThat(r.path("cpuMillis").isNumber()).isTrue();
            workers.add(answer[0]);
        }
        // Two slots (Threads: two threads; Pods: two shards of one thread); Auto's switch may add a
        // second set of slots, never a worker per item.
        assertThat(workers.size()).isBetween(2, 4);
        assertThat(status.path("timing").path("cpuMillis").asLong()).isGreaterThanOrEqualTo(24 * 40);
        if (workload.equals("Auto")) {
            assertThat(status.path("decision").path("cpuMillis").asLong()).isPositive();
        }
    }
}
