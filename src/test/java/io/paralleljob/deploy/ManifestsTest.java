package io.paralleljob.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `kubectl apply -f k8s/` installs exactly what the chart's default rendering installs. */
class ManifestsTest {

    @Test
    void plainManifestsAreTheChartsDefaultRendering() throws Exception {
        String rendered = Tools.run(List.of(Tools.helm(), "template", "parallel-job-operator",
                "helm/parallel-job-operator", "--namespace", "paralleljob-system"));
        assertEquals(rendered, Files.readString(Path.of("k8s/02-operator.yaml")),
                "k8s/02-operator.yaml drifted from the chart: run scripts/render-k8s.sh");
        assertEquals(Files.readString(Path.of("crds/paralleljobs.paralleljob.io-v1.yml")),
                Files.readString(Path.of("k8s/01-crd.yaml")), "k8s/01-crd.yaml: run scripts/render-k8s.sh");
        assertEquals("paralleljob-system", Tools.docs(Files.readString(Path.of("k8s/00-namespace.yaml"))).get(0)
                .path("metadata").path("name").asText());
    }
}
