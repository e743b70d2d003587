package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.api.WorkerVolume;
import java.util.List;

/**
 * Puts the template's pod-level fields (placement, pull secrets, priority, volumes, labels and
 * annotations) on a worker pod. The validator has already refused what would clash with the
 * runner's own volumes, mounts and labels, so this only copies.
 */
final class PodFields {
    private PodFields() {
    }

    /** Called after the operator's own labels and volumes are on the builder; user labels never replace them. */
    static PodBuilder apply(PodBuilder pod, WorkerTemplate t) {
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
        if (t.getImagePullSecrets() != null) {
            spec.withImagePullSecrets(t.getImagePullSecrets());
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
