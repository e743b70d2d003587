package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** scripts/pj, the README's first command: the jar's output, an archive made once, nothing extra said. */
class PjScriptIT {
    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result pj(String... args) throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("scripts/pj"));
        cmd.addAll(java.util.List.of(args));
        Path err = Files.createTempFile("pj", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, Files.readString(err));
    }

    @Test
    void theFirstRunMakesTheArchiveAndEveryRunPrintsTheJobAsTheJarDoes() throws Exception {
        Path archive = Path.of("target/quarkus-app/run.jsa");
        Files.deleteIfExists(archive);
        for (int run = 0; run < 2; run++) {
            Result r = pj("run", "examples/auto-sleep.yaml", "-o", "json", "--quiet");
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("Succeeded", new ObjectMapper().readTree(r.stdout()).path("status").path("phase").asText());
            assertFalse(r.stderr().contains("[warning]"), "JVM warnings: " + r.stderr());
            assertTrue(Files.size(archive) > 0, "the archive is made on the first run");
        }
        assertEquals(2, pj("run", "no-such-file.yaml").exit(), "the jar's exit codes come through");
    }
}
