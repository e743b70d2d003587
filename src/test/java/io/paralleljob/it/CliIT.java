package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's command line: clear one-line errors with exit 2, no stack traces, no operator boot. */
class CliIT {
    @TempDir
    Path dir;

    @Test
    void missingFileIsExit2WithOneLine() throws Exception {
        PackagedJar.Result r = PackagedJar.run("run", "no/such/job.yaml");
        assertEquals(2, r.exit());
        assertEquals("error: no/such/job.yaml: no such file", r.stderr().strip());
        assertEquals("", r.stdout());
    }

    @Test
    void invalidSpecNamesTheField() throws Exception {
        Path job = dir.resolve("bad.yaml");
        Files.writeString(job, """
                apiVersion: paralleljob.io/v1alpha1
                kind: ParallelJob
                metadata: {name: bad}
                spec:
                  parallelism: 0
                  items: ["a"]
                  template: {command: ["true"]}
                """);
        PackagedJar.Result r = PackagedJar.run("run", job.toString());
        assertEquals(2, r.exit());
        assertTrue(r.stderr().startsWith("error: spec.parallelism: "), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
    }

    @Test
    void flagsOverrideTheFile() throws Exception {
        PackagedJar.Result r = PackagedJar.run("run", "examples/fetch-wait.yaml", "--workload", "CPUBound",
                "--parallelism", "3", "-q");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.stdout().contains("strategy: Pods"), r.stdout());
        assertTrue(r.stdout().contains("parallelism: 3"), r.stdout());
        assertEquals("", r.stderr(), "--quiet prints no progress");
    }

    @Test
    void sigtermPrintsWhatFinishedAndLeavesNoOrphans() throws Exception {
        Path job = dir.resolve("slow.yaml");
        Files.writeString(job, """
                apiVersion: paralleljob.io/v1alpha1
                kind: ParallelJob
                metadata: {name: slow}
                spec:
                  workload: IOBound
                  parallelism: 2
                  items: ["quick", "slow-1", "slow-2", "slow-3"]
                  template:
                    command: ["sh", "-c", "if [ $PJ_ITEM = quick ]; then echo fast; else %s; fi"]
                """.formatted(SLOW));
        Path out = dir.resolve("out.yaml");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                PackagedJar.JAR.toString(), "run", job.toString(), "-q").redirectOutput(out.toFile()).start();
        long until = System.currentTimeMillis() + 20_000;
        while (sleepers() < 2 && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }
        assertEquals(2, sleepers(), "two slow items running");
        p.destroy(); // SIGTERM
        assertEquals(143, p.waitFor());
        Thread.sleep(300);
        String printed = Files.readString(out);
        assertTrue(printed.contains("phase: Failed"), printed);
        assertTrue(printed.contains("reason: Interrupted"), printed);
        assertTrue(printed.contains("output: fast"), "the finished item's result is kept: " + printed);
        assertEquals(0, sleepers(), "no item process outlives the run");
    }

    /** The slow items' command, unique to this run: a process scan must not count another build's items. */
    private static final String SLOW = "sleep 29." + String.format("%06d",
            java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));

    /** Live processes running the slow items of the test above. */
    private static long sleepers() throws Exception {
        return ProcessHandle.allProcesses().filter(ph -> ph.info().commandLine().orElse("").endsWith(SLOW))
                .count();
    }

    @Test
    void theOperatorWithNoClusterSaysSoInOneLine() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                PackagedJar.JAR.toString()).redirectErrorStream(true);
        pb.environment().remove("KUBECONFIG");
        pb.environment().remove("KUBERNETES_SERVICE_HOST");
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor());
        assertTrue(out.startsWith("error: no cluster to run the operator against"), out);
    }

    @Test
    void theOperatorWithAMissingKubeconfigNamesItInOneLineWithinSeconds() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                PackagedJar.JAR.toString()).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", dir.resolve("nonexistent").toString());
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor());
        assertTrue((System.nanoTime() - start) / 1e9 < 15, "seconds, not twenty of retries");
        assertEquals("error: KUBECONFIG names " + dir.resolve("nonexistent") + ", which does not exist: point "
                + "KUBECONFIG at your cluster's kubeconfig file, or unset it to use ~/.kube/config", out.strip());
    }

    @Test
    void versionIsTheBuildsAndHelpListsTheCommands() throws Exception {
        java.util.Properties built = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("target/maven-archiver/pom.properties"))) {
            built.load(in);
        }
        PackagedJar.Result version = PackagedJar.run("--version");
        assertEquals(0, version.exit());
        assertEquals("parallel-job-operator " + built.getProperty("version"), version.stdout().strip());

        PackagedJar.Result help = PackagedJar.run("--help");
        assertEquals(0, help.exit());
        for (String part : new String[] {"operator", "run FILE", "--version", "Exit codes"}) {
            assertTrue(help.stdout().contains(part), help.stdout());
        }
        PackagedJar.Result operatorHelp = PackagedJar.run("operator", "--help");
        assertEquals(0, operatorHelp.exit(), "operator --help prints help, it does not start the operator");
        assertTrue(operatorHelp.stdout().contains("2 could not start"), operatorHelp.stdout());
    }

    @Test
    void theReadmesFirstCommandPrintsNoTerminalEscapes() throws Exception {
        PackagedJar.Result r = PackagedJar.run("run", "examples/primes.yaml");
        assertEquals(0, r.exit(), r.stderr());
        assertFalse(r.stdout().contains("\u001b"), "escape codes on stdout");
        assertFalse(r.stderr().contains("\u001b"), "escape codes on stderr");
    }

    @Test
    void unknownCommandIsExit2() throws Exception {
        PackagedJar.Result r = PackagedJar.run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("unknown command 'frobnicate'"), r.stderr());
    }
}
