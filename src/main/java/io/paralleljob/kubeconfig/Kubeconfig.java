package io.paralleljob.kubeconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kubeconfig files the client is about to read, checked before it reads them: the client's
 * own failure for a missing or broken file is a fall-back to a default server and, twenty seconds
 * of retries later, an UnknownHostException that names no file. Merges several KUBECONFIG files
 * as kubectl does: the first file to set a value wins, and files that do not exist are skipped
 * unless none does. The operator's pre-flight check and the commands that read a cluster
 * (results NAME, the kubectl plugin) share it.
 */
public final class Kubeconfig {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Kubeconfig() {
    }

    /** The files to check: those KUBECONFIG lists, else ~/.kube/config if it exists; none in a cluster. */
    public static List<Path> files(Map<String, String> env, Path home) {
        String listed = env.get("KUBECONFIG");
        List<Path> files = new ArrayList<>();
        if (listed != null && !listed.isBlank()) {
            for (String f : listed.split(File.pathSeparator)) {
                if (!f.isBlank()) {
                    files.add(Path.of(f));
                }
            }
        } else if (Files.exists(home.resolve(".kube/config"))) {
            files.add(home.resolve(".kube/config"));
        }
        return files;
    }

    /** What is wrong with these files for a client about to read them, in one line with the fix; empty when nothing is. */
    public static Optional<String> problem(List<Path> files, boolean fromKubeconfigVariable) {
        List<Path> present = files.stream().filter(Files::exists).toList();
        if (present.isEmpty()) {
            String names = String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
            return problem("KUBECONFIG names " + names + (files.size() == 1 ? ", which does not exist" : ", none of which exists")
                    + ": point KUBECONFIG at your cluster's kubeconfig file, or unset it to use ~/.kube/config");
        }
        String currentContext = null;
        List<JsonNode> configs = new ArrayList<>();
        for (Path f : present) {
            if (!Files.isRegularFile(f)) {
                return problem("kubeconfig " + f + " is not a file" + hint(fromKubeconfigVariable));
            }
            if (!Files.isReadable(f)) {
                return problem("kubeconfig " + f + " cannot be read by this user: make it readable (chmod u+r " + f + ")");
            }
            JsonNode config;
            try {
                config = YAML.readTree(f.toFile());
            } catch (IOException e) {
                return problem("kubeconfig " + f + " does not parse (" + firstLine(e) + "): fix it; kubectl config view "
                        + "--kubeconfig " + f + " shows what kubectl makes of it");
            }
            if (config != null && !config.isMissingNode() && !config.isNull() && !config.isObject()) {
                return problem("kubeconfig " + f + " is not a kubeconfig (a YAML mapping with clusters, contexts and "
                        + "users): fix it, or point KUBECONFIG at the right file");
            }
            if (config != null && config.isObject()) {
                configs.add(config);
                if (currentContext == null && !config.path("current-context").asText("").isBlank()) {
                    currentContext = config.path("current-context").asText();
                }
            }
        }
        if (currentContext == null) {
            return problem("kubeconfig " + names(present) + " sets no current-context: choose one with kubectl config "
                    + "use-context NAME (kubectl config get-contexts lists them)");
        }
        JsonNode context = named(configs, "contexts", currentContext);
        if (context == null) {
            return problem("kubeconfig " + names(present) + ": current-context " + currentContext + " is not among its "
                    + "contexts: choose one with kubectl config use-context NAME");
        }
        String clusterName = context.path("context").path("cluster").asText("");
        JsonNode cluster = named(configs, "clusters", clusterName);
        if (cluster == null || cluster.path("cluster").path("server").asText("").isBlank()) {
            return problem("kubeconfig " + names(present) + ": context " + currentContext + " uses cluster '"
                    + clusterName + "', which " + (cluster == null ? "is not defined" : "has no server") + " there: fix "
                    + "the kubeconfig (kubectl config set-cluster)");
        }
        return Optional.empty();
    }

    /** The entry called name in the first config that has one (kubectl's merge: the first wins). */
    private static JsonNode named(List<JsonNode> configs, String list, String name) {
        for (JsonNode config : configs) {
            for (JsonNode entry : config.path(list)) {
                if (name.equals(entry.path("name").asText())) {
                    return entry;
                }
            }
        }
        return null;
    }

    private static String names(List<Path> files) {
        return String.join(File.pathSeparator, files.stream().map(Path::toString).toList());
    }

    private static String hint(boolean fromKubeconfigVariable) {
        return fromKubeconfigVariable ? ": point KUBECONFIG at your cluster's kubeconfig file" : "";
    }

    private static String firstLine(IOException e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
        m = String.valueOf(m);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static Optional<String> problem(String message) {
        return Optional.of(message);
    }
}
