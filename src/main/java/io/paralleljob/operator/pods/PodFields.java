package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.api.WorkerVolume;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the template's pod-level fields (placement, pull secrets, priority, volumes, labels and
 * annotations) on a worker pod. The validator has already refused what would clash with the
 * runner's own volumes, mounts and labels, so this only copies.
 */
final class PodFields {
    private PodFields() {
    }

    /**
     * Called after the operator's own labels and volumes are on the builder; user labels never
     * replace them. {@code runnerPullSecrets} are the operator's (for the runner image), added after
     * the template's own.
     */
    static PodBuilder apply(PodBuilder pod, WorkerTemplate t, List<String> runnerPullSecrets) {
        if (t.getMetadata() != null) {
            if (t.getMetadata().getLabels() != null) {
                t.getMetadata().getLabels().forEach((k, v) -> {
                    if (!pod.buildMetadata().getLabels().containsKey(k)) {
                        pod.editMetadata().addToLabels(k, v).endMetadata();
                    }
                });
            }
            if (t.getMetadata().getAnnotations() != null) {
                pod.editMetadata().addToAnnotations(t.getMetadata().getAnnotations()).endMetadata();
            }
        }
        PodBuilder.SpecNested<PodBuilder> spec = pod.editSpec();
        if (t.getNodeSelector() != null) {
            spec.withNodeSelector(t.getNodeSelector());
        }
        if (t.getTolerations() != null) {
            spec.withTolerations(t.getTolerations());
        }
        spec.withAffinity(t.getAffinity());
        Set<String> pullSecrets = new LinkedHashSet<>();
        if (t.getImagePullSecrets() != null) {
            t.getImagePullSecrets().forEach(r -> pullSecrets.add(r.getName()));
        }
        pullSecrets.addAll(runnerPullSecrets);
        if (!pullSecrets.isEmpty()) {
            spec.withImagePullSecrets(pullSecrets.stream().map(LocalObjectReference::new).toList());
        }
        spec.withPriorityClassName(t.getPriorityClassName());
        if (t.getVolumes() != null) {
            spec.addAllToVolumes(t.getVolumes().stream().map(PodFields::volume).toList());
        }
        return spec.endSpec();
    }

    static Volume volume(WorkerVolume v) {
        return new VolumeBuilder().withName(v.getName()).withConfigMap(v.getConfigMap()).withSecret(v.getSecret())
                .withPersistentVolumeClaim(v.getPersistentVolumeClaim()).withEmptyDir(v.getEmptyDir()).build();
    }

    static List<io.fabric8.kubernetes.api.model.VolumeMount> mounts(WorkerTemplate t) {
        return t.getVolumeMounts() == null ? List.of() : t.getVolumeMounts();
    }
}
