package io.paralleljob.results;

import io.paralleljob.kubeconfig.Kubeconfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command at a terminal finds its cluster, checked before the client is made: the client
 * itself treats a missing kubeconfig as "in a pod" and fails later on kubernetes.default.svc, a
 * host that names neither the file nor the fix. The files are checked as the operator's own
 * start-up checks them ({@link Kubeconfig}).
 */
final class KubeconfigLookup {
    private KubeconfigLookup() {
    }

    /** Why no cluster can be found, in one line with the fix, or empty when one can. */
    static Optional<String> problem(Map<String, String> env, Path home) {
        List<Path> files = Kubeconfig.files(env, home);
        if (!files.isEmpty()) {
            String listed = env.get("KUBECONFIG");
            return Kubeconfig.problem(files, listed != null && !listed.isBlank());
        }
        if (env.get("KUBERNETES_SERVICE_HOST") != null) {
            return Optional.empty(); // in a pod: its service account
        }
        return Optional.of("no kubeconfig: " + home.resolve(".kube/config") + " does not exist and KUBECONFIG is not"
                + " set; point KUBECONFIG at your cluster's kubeconfig file (kubectl finds it the same way)");
    }
}
