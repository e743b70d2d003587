package io.paralleljob.plan;

import io.fabric8.kubernetes.api.model.VolumeMount;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.api.WorkerVolume;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks on the worker pods' own fields that a schema cannot make: volume names that collide
 * with the runner's, mounts that name no volume or would hide the runner, labels that would hide a
 * pod from the operator, Secrets where they are not allowed. Every refusal names the field.
 */
final class PodFieldsCheck {
    /** The runner's own volumes and where they are mounted (see the operator's worker pod factory). */
    static final Set<String> RUNNER_VOLUMES = Set.of("runner", "task");
    static final List<String> RUNNER_PATHS = List.of("/pj", "/pj-task");
    static final String OPERATOR_LABEL_PREFIX = "paralleljob.io/";

    private PodFieldsCheck() {
    }

    static void check(WorkerTemplate t, SpecPolicy policy) {
        Set<String> names = volumes(t.getVolumes(), policy);
        mounts(t.getVolumeMounts(), names);
        Map<String, String> labels = t.getMetadata() == null ? null : t.getMetadata().getLabels();
        if (labels != null) {
            labels.keySet().stream().filter(k -> k.startsWith(OPERATOR_LABEL_PREFIX)).findFirst().ifPresent(k -> {
                throw new InvalidSpecException("spec.template.metadata.labels", "'" + k
                        + "': keys under " + OPERATOR_LABEL_PREFIX + " are the operator's own (it finds its pods by them)");
            });
        }
    }

    private static Set<String> volumes(List<WorkerVolume> volumes, SpecPolicy policy) {
        Set<String> names = new HashSet<>();
        if (volumes == null) {
            return names;
        }
        for (int i = 0; i < volumes.size(); i++) {
            String field = "spec.template.volumes[" + i + "]";
            WorkerVolume v = volumes.get(i);
            if (v == null || v.getName() == null || v.getName().isBlank()) {
                throw new InvalidSpecException(field + ".name", "is required");
            }
            if (RUNNER_VOLUMES.contains(v.getName())) {
                throw new InvalidSpecException(field + ".name", "'" + v.getName() + "' is the runner's own volume; "
                        + "pick another name");
            }
            if (!names.add(v.getName())) {
                throw new InvalidSpecException(field + ".name", "'" + v.getName() + "' is declared twice");
            }
            long sources = java.util.stream.Stream.of(v.getConfigMap(), v.getSecret(), v.getPersistentVolumeClaim(),
                    v.getEmptyDir()).filter(java.util.Objects::nonNull).count();
            if (sources != 1) {
                throw new InvalidSpecException(field, "set exactly one of configMap, secret, persistentVolumeClaim "
                        + "and emptyDir");
            }
            if (v.getSecret() != null && !policy.allowSecretEnv()) {
                throw new InvalidSpecException(field + ".secret", "mounts a Secret into the items' pods, where any "
                        + "command can print its files into the job's status; refused"
                        + (policy.howToAllowSecretEnv() == null ? "" : " unless " + policy.howToAllowSecretEnv()));
            }
        }
        return names;
    }

    private static void mounts(List<VolumeMount> mounts, Set<String> volumes) {
        if (mounts == null) {
            return;
        }
        for (int i = 0; i < mounts.size(); i++) {
            String field = "spec.template.volumeMounts[" + i + "]";
            VolumeMount m = mounts.get(i);
            if (m == null || m.getName() == null || !volumes.contains(m.getName())) {
                throw new InvalidSpecException(field + ".name", "'" + (m == null ? null : m.getName())
                        + "' names no volume of spec.template.volumes");
            }
            String path = m.getMountPath();
            if (path == null || !path.startsWith("/")) {
                throw new InvalidSpecException(field + ".mountPath", "must be an absolute path (got " + path + ")");
            }
            for (String runner : RUNNER_PATHS) {
                if (path.equals(runner) || path.startsWith(runner + "/") || runner.startsWith(path.endsWith("/")
                        ? path : path + "/")) {
                    throw new InvalidSpecException(field + ".mountPath", "'" + path + "' would hide the runner's "
                            + runner + "; mount elsewhere");
                }
            }
        }
    }
}
