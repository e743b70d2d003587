package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.paralleljob.api.ParallelJob;

/** The controller owner reference that lets Kubernetes' garbage collector delete a job's pods with it. */
final class Owner {
    private Owner() {
    }

    static OwnerReference reference(ParallelJob job) {
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
