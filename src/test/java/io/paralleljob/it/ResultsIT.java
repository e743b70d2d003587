package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's results file from end to end: a 2000-item job where every 7th item fails
 * writes each index exactly once, {@code results --file --failed} lists exactly the failed ones, and
 * {@code run --rerun-failed} runs exactly those again, leaving each item's latest outcome a success.
 */
class ResultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ITEMS = 2000;

    @TempDir
    Path dir;

    private static List<Integer> indexes(String jsonLines) {
        return jsonLines.lines().map(l -> {
            try {
                return JSON.readTree(l).path("index").asInt(-1);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    private static List<Integer> sevenths() {
        return IntStream.range(0, ITEMS).filter(i -> i % 7 == 0).boxed().toList();
    }

    @Test
    void everyItemOnceTheFailedOnesListedAndRunAgain() throws Exception {
        Path fixed = dir.resolve("fixed");
        Path job = dir.resolve("sevenths.yaml");
        Files.writeString(job, """
                apiVersion: paralleljob.io/v1alpha1
                kind: ParallelJob
                metadata: {name: sevenths}
                spec:
                  workload: IOBound
                  parallelism: 8
                  range: {start: 0, end: %d}
                  template:
                    command: ["sh", "-c", "[ $((PJ_ITEM %% 7)) -ne 0 ] || [ -e %s ] || { echo no >&2; exit 1; }; echo $PJ_ITEM"]
                """.formatted(ITEMS, fixed));
        Path results = dir.resolve("results.jsonl");

        PackagedJar.Result first = PackagedJar.run("run", job.toString(), "--results", results.toString(), "-q", "-o",
                "json");
        assertEquals(1, first.exit(), first.stderr());
        assertTrue(first.stdout().length() < 1024 * 1024, "status is bounded: " + first.stdout().length());
        List<Integer> written = indexes(Files.readString(results));
        assertEquals(ITEMS, written.size());
        assertEquals(IntStream.range(0, ITEMS).boxed().toList(), written.stream().sorted().toList(), "each index once");

        PackagedJar.Result failed = PackagedJar.run("results", "--file", results.toString(), "--failed");
        assertEquals(0, failed.exit(), failed.stderr());
        assertEquals(sevenths(), indexes(failed.stdout()));

        Files.createFile(fixed);
        PackagedJar.Result rerun = PackagedJar.run("run", job.toString(), "--rerun-failed", results.toString(), "-q",
                "-o", "json");
        assertEquals(0, rerun.exit(), rerun.stderr());
        JsonNode status = JSON.readTree(rerun.stdout()).path("status");
        assertEquals(sevenths().size(), status.path("items").path("total").asInt());
        List<Integer> all = indexes(Files.readString(results));
        assertEquals(sevenths(), all.subList(ITEMS, all.size()).stream().sorted().toList(), "exactly the failed ran");

        PackagedJar.Result after = PackagedJar.run("results", "--file", results.toString(), "--failed");
        assertEquals("", after.stdout(), "no item's latest outcome failed");
        PackagedJar.Result csv = PackagedJar.run("results", "--file", results.toString(), "-o", "csv");
        assertEquals(ITEMS + 1, csv.stdout().lines().count(), "a header and each item once");
        assertTrue(csv.stdout().lines().skip(1).allMatch(l -> l.matches("\\d+,\\d+,0,1,.*")), csv.stdout());
    }

    /** SIGKILL gives the run no chance to close anything: only rows flushed as items finished survive it. */
    @Test
    void aKilledRunKeepsEveryFinishedRowAndARerunFinishesTheRest() throws Exception {
        Path job = dir.resolve("slow.yaml");
        Files.writeString(job, """
                apiVersion: paralleljob.io/v1alpha1
                kind: ParallelJob
                metadata: {name: slow}
                spec:
                  workload: IOBound
                  parallelism: 4
                  range: {start: 0, end: 60}
                  template:
                    command: ["sh", "-c", "sleep 0.3; echo done $PJ_ITEM"]
                """);
        Path results = dir.resolve("slow.jsonl");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                PackagedJar.JAR.toString(), "run", job.toString(), "--results", results.toString(), "-q")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while ((!Files.exists(results) || Files.readAllLines(results).size() < 8) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        run.destroyForcibly().waitFor();
        List<Integer> kept = indexes(PackagedJar.run("results", "--file", results.toString()).stdout());
        assertTrue(kept.size() >= 8 && kept.size() < 60, "killed part-way: " + kept.size() + " rows");

        PackagedJar.Result rest = PackagedJar.run("run", job.toString(), "--rerun-failed", results.toString(), "-q",
                "-o", "json");
        assertEquals(0, rest.exit(), rest.stderr());
        assertEquals(60 - kept.size(), JSON.readTree(rest.stdout()).path("status").path("items").path("total").asInt(),
                "only the items that had not finished ran again");
        PackagedJar.Result all = PackagedJar.run("results", "--file", results.toString());
        assertEquals(IntStream.range(0, 60).boxed().toList(), indexes(all.stdout()));
        assertEquals("", PackagedJar.run("results", "--file", results.toString(), "--failed").stdout());
    }

    @Test
    void whatCannotBeReadIsOneLineAndExitOne() throws Exception {
        PackagedJar.Result r = PackagedJar.run("results", "--file", dir.resolve("none.jsonl").toString());
        assertEquals(1, r.exit());
        assertEquals("error: " + dir.resolve("none.jsonl") + ": no such file", r.stderr().strip());

        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: gone, cluster: {server: "https://127.0.0.1:1"}}]
                contexts: [{name: gone, context: {cluster: gone, user: u}}]
                current-context: gone
                users: [{name: u, user: {token: t}}]
                """);
        long start = System.nanoTime();
        PackagedJar.Result cluster = PackagedJar.run(java.util.Map.of("KUBECONFIG", kubeconfig.toString()), "results",
                "myjob");
        assertEquals(1, cluster.exit(), cluster.stderr());
        assertEquals("error: cannot read from the cluster at https://127.0.0.1:1/: ConnectException: Connection refused",
                cluster.stderr().strip());
        assertTrue(System.nanoTime() - start < 15_000_000_000L, "no retries with backoff at a terminal");
    }
}
