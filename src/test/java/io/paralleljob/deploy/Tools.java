package io.paralleljob.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real helm binary (installed by scripts/install-tools.sh) and YAML helpers for tests. */
public final class Tools {
    private static final ObjectMapper YAML = new YAMLMapper();
    private static boolean installed;

    private Tools() {
    }

    public static synchronized String helm() {
        if (!installed) {
            run(List.of("scripts/install-tools.sh"));
            installed = true;
        }
        return Path.of(".tools/helm").toAbsolutePath().toString();
    }

    /** Runs a command from the project directory; its stdout, or an assertion error with its stderr. */
    public static String run(List<String> cmd) {
        try {
            Path out = Files.createTempFile("tool", ".out");
            Path err = Files.createTempFile("tool", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("timed out: " + cmd);
                }
                if (p.exitValue() != 0) {
                    throw new AssertionError(cmd + " exited " + p.exitValue() + ":\n" + Files.readString(err)
                            + Files.readString(out));
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** helm template of the chart with the given extra arguments, as parsed objects. */
    public static List<JsonNode> render(String... extra) {
        List<String> cmd = new ArrayList<>(List.of(helm(), "template", "parallel-job-operator",
                "helm/parallel-job-operator", "--namespace", "paralleljob-system"));
        cmd.addAll(List.of(extra));
        return docs(run(cmd));
    }

    public static List<JsonNode> docs(String yaml) {
        try {
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode n : YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
                if (n != null && !n.isNull() && !n.isMissingNode()) {
                    out.add(n);
                }
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
    }

    public static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())
                && (name == null || name.equals(d.path("metadata").path("name").asText())))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
