package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paralleljob.deploy.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kubectl plugin as a user installs it: the one file scripts/build-plugin.sh writes, put on the
 * PATH, found and run by the real kubectl (`kubectl paralleljob ...`), unpacking itself on first use.
 */
class KubectlPluginIT {
    @TempDir
    Path dir;

    @Test
    void kubectlFindsThePluginFileOnThePathAndItReadsAResultsFile() throws Exception {
        Tools.helm(); // installs helm and kubectl into .tools/
        Tools.run(List.of("scripts/build-plugin.sh"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.copy(Path.of("target/kubectl-paralleljob"), bin.resolve("kubectl-paralleljob"));
        bin.resolve("kubectl-paralleljob").toFile().setExecutable(true);
        Path results = dir.resolve("results.jsonl");
        Files.writeString(results, """
                {"index":0,"item":"a","exitCode":0,"output":"A","startEpochMillis":1,"durationMillis":2,"attempts":1}
                {"index":1,"item":"b","exitCode":3,"output":"","error":"boom","startEpochMillis":1,"durationMillis":2,"attempts":1}
                """);

        String help = kubectl(bin, 0, "paralleljob", "--help");
        assertTrue(help.contains("rerun NAME") && help.contains("logs NAME"), help);
        String failed = kubectl(bin, 0, "paralleljob", "results", "--file", results.toString(), "--failed");
        assertEquals(1, failed.lines().count(), failed);
        assertTrue(failed.contains("\"index\":1") && failed.contains("boom"), failed);
        kubectl(bin, 2, "paralleljob", "frobnicate", "x");
    }

    private String kubectl(Path bin, int expectedExit, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(".tools/kubectl").toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        pb.environment().put("KUBECONFIG", dir.resolve("no-such-kubeconfig").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(expectedExit, p.exitValue(), String.join(" ", args) + ":\n" + out);
        return out;
    }
}
