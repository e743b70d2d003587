package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.paralleljob.api.ParallelJob;

/** The controller owner reference that lets Kubernetes' garbage collector delete a job's pods with it. */
public final class Owner {
    private Owner() {
    }

    /**
     * Whether the job (this very object, by UID) owns the resource. Pods and ConfigMaps are found
     * by the job's name; a job deleted and re-created under the same name must not take over what
     * its predecessor left behind while the garbage collector removes it.
     */
    public static boolean owns(ParallelJob job, io.fabric8.kubernetes.api.model.HasMetadata resource) {
        String uid = job.getMetadata().getUid();
        return resource.getMetadata().getOwnerReferences() != null && resource.getMetadata().getOwnerReferences()
                .stream().anyMatch(ref -> uid != null && uid.equals(ref.getUid()));
    }

    public static OwnerReference reference(ParallelJob job) {
        return new OwnerReferenceBuilder()
                .withApiVersion(ParallelJob.API_VERSION)
                .withKind(ParallelJob.KIND)
                .withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }
}
