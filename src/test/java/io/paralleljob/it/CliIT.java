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
    void unknownCommandIsExit2() throws Exception {
        PackagedJar.Result r = PackagedJar.run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.stderr().contains("unknown command 'frobnicate'"), r.stderr());
    }
}
