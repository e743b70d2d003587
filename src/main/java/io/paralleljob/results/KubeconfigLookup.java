package io.paralleljob.results;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command at a terminal finds its cluster, checked before the client is made: the client
 * itself treats a missing kubeconfig as "in a pod" and fails later on kubernetes.default.svc, a
 * host that names neither the file nor the fix.
 */
final class KubeconfigLookup {
    private KubeconfigLookup() {
    }

    /** Why no cluster can be found, in one line with the fix, or empty when one can. */
    static Optional<String> problem(Map<String, String> env, Path home) {
        String listed = env.get("KUBECONFIG");
        if (listed != null && !listed.isBlank()) {
            List<String> files = Arrays.stream(listed.split(File.pathSeparator)).filter(f -> !f.isBlank()).toList();
            if (files.stream().noneMatch(f -> Files.isRegularFile(Path.of(f)))) {
                return Optional.of("KUBECONFIG names " + String.join(", ", files)
                        + (files.size() == 1 ? ", which does not exist" : ", none of which exists")
                        + ": point KUBECONFIG at your cluster's kubeconfig file, or unset it to use ~/.kube/config");
            }
            return Optional.empty();
        }
        boolean inPod = env.get("KUBERNETES_SERVICE_HOST") != null;
        if (!inPod && !Files.isRegularFile(home.resolve(".kube").resolve("config"))) {
            return Optional.of("no kubeconfig: " + home.resolve(".kube/config") + " does not exist and KUBECONFIG is not"
                    + " set; point KUBECONFIG at your cluster's kubeconfig file (kubectl finds it the same way)");
        }
        return Optional.empty();
    }
}
