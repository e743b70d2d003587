package io.paralleljob.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where copies of the generated CRD are committed. */
final class CommittedCrds {
    private CommittedCrds() {
    }

    static List<Path> paths(String name) {
        return Stream.of(Path.of("crds", name), Path.of("helm/parallel-job-operator/crds", name))
                .filter(p -> p.startsWith("crds") || Files.isDirectory(p.getParent()))
                .toList();
    }
}
