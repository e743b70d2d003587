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
        assertEquals(java.util.List.of("Workload", "Strategy", "Progress", "Phase", "Suspended", "Speedup", "Duration",
                "Age"), names);
    }

    /** Local mode validates job files against the CRD inside the jar: it must be the generated one. */
    @Test
    void theJarCarriesTheGeneratedCrd() throws Exception {
        String expected = Files.readString(Path.of("target/kubernetes", CRD));
        Path jar;
        try (var files = Files.list(Path.of("target/quarkus-app/app"))) {
            jar = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            var entry = zip.getEntry("paralleljob/crds/" + CRD);
            assertTrue(entry != null, jar + " has no paralleljob/crds/" + CRD);
            try (var in = zip.getInputStream(entry)) {
                assertEquals(expected, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                        "the CRD in " + jar + " is not the generated one");
            }
        }
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

    /**
     * The build leaves no manifest but the CRD: the Quarkus Kubernetes extension's own Deployment
     * and ClusterRole (a made-up image, no pod rights) would be a broken install for whoever
     * applied target/kubernetes/; the chart and k8s/ are the real ones.
     */
    @Test
    void theBuildLeavesOnlyTheCrdUnderTargetKubernetes() throws Exception {
        try (var files = Files.list(Path.of("target/kubernetes"))) {
            assertEquals(java.util.List.of(CRD), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }
}
