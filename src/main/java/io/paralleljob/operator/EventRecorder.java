package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.aggregate.Rfc3339;
import io.paralleljob.api.ParallelJob;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Kubernetes Events on a ParallelJob, so `kubectl describe pj NAME` tells the story. */
public final class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void normal(ParallelJob job, String reason, String message) {
        record(job, "Normal", reason, message);
    }

    public void warning(ParallelJob job, String reason, String message) {
        record(job, "Warning", reason, message);
    }

    private void record(ParallelJob job, String type, String reason, String message) {
        String now = Rfc3339.format(Instant.now());
        var event = new EventBuilder()
                .withNewMetadata()
                .withName(job.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 13))
                .withNamespace(job.getMetadata().getNamespace())
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion(ParallelJob.API_VERSION).withKind(ParallelJob.KIND)
                .withName(job.getMetadata().getName()).withNamespace(job.getMetadata().getNamespace())
                .withUid(job.getMetadata().getUid())
                .endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .withNewSource().withComponent(Labels.MANAGER).endSource()
                .build();
        try {
            client.v1().events().inNamespace(job.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            // An event is a courtesy: failing to record one must not fail the reconciliation.
            LOG.debugf("could not record event %s on %s: %s", reason, job.getMetadata().getName(), e.getMessage());
        }
    }
}
