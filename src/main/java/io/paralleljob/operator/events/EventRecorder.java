package io.paralleljob.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.aggregate.Rfc3339;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.operator.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a ParallelJob, so `kubectl describe pj NAME` tells the story. Callers
 * report what holds at every reconciliation; this recorder decides whether that is news:
 *
 * <ul>
 *   <li>the same reason with the same message as last time is not recorded again;
 *   <li>an event is named from the job's UID, its type, reason and message, so the same
 *       occurrence always has the same name: a restarted operator that reports it again meets
 *       AlreadyExists and writes nothing, instead of a duplicate;
 *   <li>a message seen before that comes back after another (a pod stuck again for the same
 *       reason) updates that event's count and lastTimestamp, as Kubernetes' own recorder does.
 * </ul>
 *
 * What it remembers is per job and dropped with {@link #forget} once the job is done.
 */
public final class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    /** Per job UID: the last message per reason, and how often each event name was recorded. */
    private final Map<String, JobEvents> byJob = new ConcurrentHashMap<>();

    private static final class JobEvents {
        final Map<String, String> lastMessageByReason = new ConcurrentHashMap<>();
        final Map<String, Integer> countByName = new ConcurrentHashMap<>();
    }

    public void normal(KubernetesClient client, ParallelJob job, String reason, String message) {
        record(client, job, "Normal", reason, message);
    }

    public void warning(KubernetesClient client, ParallelJob job, String reason, String message) {
        record(client, job, "Warning", reason, message);
    }

    /**
     * An event told once per job however often it is reported, even between other messages of
     * the same reason (one per kind of item failure, say), with no count to keep up.
     */
    public void warningOnce(KubernetesClient client, ParallelJob job, String reason, String message) {
        JobEvents seen = byJob.computeIfAbsent(String.valueOf(job.getMetadata().getUid()), uid -> new JobEvents());
        String name = name(job, "Warning", reason, message);
        if (seen.countByName.containsKey(name)) {
            return;
        }
        try {
            create(client, job, name, "Warning", reason, message, Rfc3339.format(Instant.now()));
            seen.countByName.put(name, 1);
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on %s: %s", reason, job.getMetadata().getName(), e.getMessage());
        }
    }

    /** How many jobs' told events are remembered (a finished job's must not stay). */
    public int size() {
        return byJob.size();
    }

    /** The job finished and its pods are released, or it is gone: nothing more to de-duplicate. */
    public void forget(ParallelJob job) {
        byJob.remove(job.getMetadata().getUid());
    }

    private void record(KubernetesClient client, ParallelJob job, String type, String reason, String message) {
        JobEvents seen = byJob.computeIfAbsent(String.valueOf(job.getMetadata().getUid()), uid -> new JobEvents());
        if (message.equals(seen.lastMessageByReason.get(reason))) {
            return; // still the same: not news
        }
        String name = name(job, type, reason, message);
        String now = Rfc3339.format(Instant.now());
        try {
            Integer count = seen.countByName.get(name);
            if (count == null) {
                create(client, job, name, type, reason, message, now);
                seen.countByName.put(name, 1);
            } else {
                // resource(stub), not withName: the latter reads the event before patching it.
                Event stub = new EventBuilder().withNewMetadata().withName(name)
                        .withNamespace(job.getMetadata().getNamespace()).endMetadata().build();
                client.v1().events().inNamespace(job.getMetadata().getNamespace()).resource(stub)
                        .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                                "{\"count\":" + (count + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
                seen.countByName.put(name, count + 1);
            }
            seen.lastMessageByReason.put(reason, message);
        } catch (KubernetesClientException e) {
            // An event is a courtesy: failing to record one must not fail the reconciliation.
            LOG.debugf("could not record event %s on %s: %s", reason, job.getMetadata().getName(), e.getMessage());
        }
    }

    private static void create(KubernetesClient client, ParallelJob job, String name, String type, String reason,
            String message, String now) {
        Event event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(job.getMetadata().getNamespace()).endMetadata()
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
            if (e.getCode() != 409) {
                throw e;
            }
            // Recorded by this operator before a restart: the same occurrence, already told.
        }
    }

    /** JOB.HASH: the same job, type, reason and message always give the same name. */
    static String name(ParallelJob job, String type, String reason, String message) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((job.getMetadata().getUid() + "\n" + type + "\n" + reason + "\n" + message)
                    .getBytes(StandardCharsets.UTF_8));
            return job.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
