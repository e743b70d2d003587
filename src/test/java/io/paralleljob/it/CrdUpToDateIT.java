package io.paralleljob.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed CRD must be the one the Java classes generate, or kubectl users get a stale schema. */
class CrdUpToDateIT {
    static final String CRD = "paralleljobs.paralleljob.io-v1.yml";

    @Test
    void kubectlGetShowsColumnsInReadingOrder() throws Exception {
        String crd = Files.readString(Path.of("crds", CRD));
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^      name: \"(\\w+)\"$").matcher(crd);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertEquals(java.util.List.of("Workload", "Strategy", "Progress", "Phase", "Speedup", "Duration", "Age"), names);
    }

    @Test
    void committedCrdMatchesGenerated() throws Exception {
        Path generated = Path.of("target/kubernetes", CRD);
        assertTrue(Files.exists(generated), "the build did not generate " + generated);
        String expected = Files.readString(generated);
        for (Path committed : CommittedCrds.paths(CRD)) {
            assertEquals(expected, Files.readString(committed), committed
                    + " differs from the CRD generated from the api classes; copy " + generated + " over it");
        }
    }
}
