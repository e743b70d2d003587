package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: Ctrl-C or SIGTERM at any moment of a local run stops everything. The packaged jar
 * runs Threads and Pods jobs of long items (some start a background child that ignores Ctrl-C and
 * outlives its item's shell; some finish at once, so threads keep starting new items) and is
 * signalled at random moments: before its items start, or while they run. Each time it must exit
 * with the signal's code, leave no process of its items behind, and end its progress on stderr
 * with the counts the printed status gives. The moments come from a seed, printed; rerun one
 * with {@code -Dpj.interrupts.seed=N}.
 */
class InterruptsIT {
    private static final int RUNS = 15;
    private static final Pattern LAST_COUNTS = Pattern.compile(": (\\d+)/(\\d+) items? done, (\\d+) failed");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSignalAtAnyMomentStopsEveryItemAndTheLastProgressLineAgreesWithTheStatus() throws Exception {
        long seed = Long.getLong("pj.interrupts.seed", System.nanoTime());
        System.out.println("InterruptsIT seed: " + seed + " (rerun with -Dpj.interrupts.seed=" + seed + ")");
        Random random = new Random(seed);
        long start = System.nanoTime();
        // Two runs at a time: a run's time is mostly its JVM's start, and that halves the test's time.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<java.util.concurrent.Future<Boolean>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            String workload = i % 2 == 0 ? "IOBound" : "CPUBound"; // Threads, Pods
            boolean ctrlC = random.nextBoolean();
            // A quarter before the items start (JVM start, validation), the rest while they run.
            boolean early = random.nextInt(4) == 0;
            long delay = early ? random.nextInt(2000) : random.nextInt(1200);
            String what = "run " + i + " (seed " + seed + "): " + workload + ", " + (ctrlC ? "SIGINT to the group"
                    : "SIGTERM") + (early ? " " + delay + " ms after start" : " " + delay + " ms into the items");
            runs.add(pool.submit(() -> signalledRun(workload, ctrlC, early, delay, what)));
        }
        int withStatus = 0;
        try {
            for (java.util.concurrent.Future<Boolean> run : runs) {
                if (run.get()) {
                    withStatus++;
                }
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                throw failed;
            }
            throw e;
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        System.out.println("InterruptsIT: " + RUNS + " runs signalled (" + withStatus + " printed a status) in "
                + seconds + " s");
        assertTrue(withStatus >= RUNS / 2, "most runs were signalled while their items ran: " + withStatus);
    }

    /** @return whether the run printed a status (a signal during the JVM's start comes before there is one) */
    private boolean signalledRun(String workload, boolean ctrlC, boolean early, long delay, String what)
            throws Exception {
        String mark = UUID.randomUUID().toString();
        Path job = dir.resolve("job-" + mark + ".yaml");
        Files.writeString(job, """
                apiVersion: paralleljob.io/v1alpha1
                kind: ParallelJob
                metadata: {name: interrupted}
                spec:
                  workload: %s
                  parallelism: 3
                  range: {start: 0, end: 30}
                  template:
                    command: ["sh", "-c", "case $((PJ_ITEM %% 3)) in 0) sleep 0.05;; 1) sleep 20 & sleep 20;; *) sleep 20;; esac"]
                    env: [{name: IT_MARK, value: "%s"}]
                """.formatted(workload, mark));
        Path out = dir.resolve("out-" + mark);
        Path err = dir.resolve("err-" + mark);
        // Its own process group, as a shell gives a command: Ctrl-C reaches the run and its items, not this JVM.
        Process run = new ProcessBuilder("setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", PackagedJar.JAR.toString(), "run", job.toString(), "-o", "json")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        String runMarker = null;
        if (!early) {
            runMarker = runMarkerOfAnItem(mark, run);
            assertTrue(runMarker != null, what + ": an item carries the run's PJ_RUN_ID");
        }
        Thread.sleep(delay);
        long signalled = System.nanoTime();
        signal(run.pid(), ctrlC);
        assertTrue(run.waitFor(10, TimeUnit.SECONDS), what + ": run exits within seconds");
        System.out.printf("%s: exit %d, %d ms after the signal%n", what, run.exitValue(),
                (System.nanoTime() - signalled) / 1_000_000);
        assertEquals(ctrlC ? 130 : 143, run.exitValue(), what + ": the signal's exit code");
        long until = System.nanoTime() + 2_000_000_000L;
        List<Long> left = survivors(mark, runMarker);
        while (!left.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(50);
            left = survivors(mark, runMarker);
        }
        left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), left, what + ": item processes that outlived run " + Files.readString(err));
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Matcher last = lastCounts(stderr);
        if (stdout.isBlank()) {
            assertTrue(early, what + ": a run signalled while its items ran prints its status; stderr: " + stderr);
            assertTrue(last == null, what + ": progress without a status: " + stderr);
            // Before the job starts there is no status; the run says why it printed none, unless
            // the signal came while the JVM itself was starting.
            assertTrue(stderr.isBlank() || stderr.strip().equals("interrupted before the job started: no item ran"),
                    what + ": an early signal's only words: " + stderr);
            return false;
        }
        JsonNode status = JSON.readTree(stdout).path("status");
        assertEquals("Interrupted", reason(status), what + ": " + stdout);
        assertTrue(last != null, what + ": a last progress line: " + stderr);
        assertEquals(status.path("progress").asText(), last.group(1) + "/" + last.group(2),
                what + ": the last progress line's items done; stderr:\n" + stderr);
        assertEquals(status.path("items").path("failed").asLong(), Long.parseLong(last.group(3)),
                what + ": the last progress line's failed items; stderr:\n" + stderr);
        return true;
    }

    /** The PJ_RUN_ID of the first item of this run seen running (waiting 20 s at most), or null. */
    private static String runMarkerOfAnItem(String mark, Process run) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        while (run.isAlive() && System.nanoTime() < until) {
            for (long pid : marked("IT_MARK=" + mark)) {
                Matcher m = Pattern.compile("(?:^|\0)PJ_RUN_ID=([^\0]+)").matcher(environ(pid));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    /** This run's processes still alive: by the job's own marker, and by the run's PJ_RUN_ID when known. */
    private static List<Long> survivors(String mark, String runMarker) {
        List<Long> left = new java.util.ArrayList<>(marked("IT_MARK=" + mark));
        if (runMarker != null) {
            marked("PJ_RUN_ID=" + runMarker).stream().filter(pid -> !left.contains(pid)).forEach(left::add);
        }
        return left;
    }

    private static void signal(long pid, boolean ctrlC) throws Exception {
        List<String> kill = ctrlC ? List.of("kill", "-INT", "--", "-" + pid) : List.of("kill", "-TERM", "" + pid);
        assertEquals(0, new ProcessBuilder(kill).inheritIO().start().waitFor(), "sent " + kill);
    }

    /** The Failed condition's reason. */
    private static String reason(JsonNode status) {
        for (JsonNode c : status.path("conditions")) {
            if ("Failed".equals(c.path("type").asText())) {
                return c.path("reason").asText();
            }
        }
        return null;
    }

    /** The counts of the last line on stderr that has them, or null. */
    private static Matcher lastCounts(String stderr) {
        Matcher found = null;
        for (String line : stderr.lines().toList()) {
            Matcher m = LAST_COUNTS.matcher(line);
            if (m.find()) {
                found = m;
            }
        }
        return found;
    }

    /**
     * Live processes whose environment has {@code entry}: every item process carries the job's
     * IT_MARK and the run's PJ_RUN_ID, and its children do too, reparented to PID 1 or not. A
     * zombie's environment reads empty, so an exited process does not count.
     */
    private static List<Long> marked(String entry) {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid)
                .filter(pid -> ("\0" + environ(pid) + "\0").contains("\0" + entry + "\0")).toList();
    }

    private static String environ(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")),
                    StandardCharsets.UTF_8);
        } catch (java.io.IOException | SecurityException gone) {
            return "";
        }
    }
}
