package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in examples/ runs with the packaged jar, ends in the phase it promises, with every item accounted for. */
class ExamplesIT {
    private static final Pattern EXPECTED = Pattern.compile("(?m)^# expected-phase: (\\w+)");

    static Stream<Path> examples() throws Exception {
        return Files.list(Path.of("examples")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void runsLocally(Path example) throws Exception {
        Matcher m = EXPECTED.matcher(Files.readString(example));
        String expectedPhase = m.find() ? m.group(1) : "Succeeded";

        PackagedJar.Result r = PackagedJar.run("run", example.toString(), "-o", "json");

        assertEquals(expectedPhase.equals("Succeeded") ? 0 : 1, r.exit(), r.stderr());
        JsonNode status = new ObjectMapper().readTree(r.stdout()).path("status");
        assertEquals(expectedPhase, status.path("phase").asText(), r.stdout());
        long total = status.path("items").path("total").asLong();
        assertTrue(total > 0);
        assertEquals(total, status.path("results").size(), "every item has a result");
        assertEquals(total + "/" + total, status.path("progress").asText());
        assertTrue(status.path("timing").path("wallMillis").asLong() > 0);
        assertFalse(status.path("strategy").asText().isEmpty());
        for (JsonNode item : status.path("results")) {
            if (item.path("exitCode").asInt(-1) == 0) {
                assertFalse(item.path("output").asText().isEmpty(), "output of " + item);
            } else {
                assertFalse(item.path("stderr").asText().isEmpty(), "a failed item says why: " + item);
            }
        }
        String conditionType = expectedPhase.equals("Succeeded") ? "Complete" : "Failed";
        assertTrue(status.path("conditions").findValuesAsText("type").contains(conditionType), r.stdout());
    }
}
