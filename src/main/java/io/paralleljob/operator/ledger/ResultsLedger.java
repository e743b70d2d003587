package io.paralleljob.operator.ledger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.LedgerChunk;
import io.paralleljob.operator.Owner;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every running job's results ledger: each item's full result leaves the pods (and etcd's way) as
 * gzip'd JSON Lines in ConfigMaps owned by the job, written in batches before the pods that
 * produced them are let go, and garbage-collected with the job. The chunks carry no
 * {@code paralleljob.io/job} label, so the operator's ConfigMap informer never caches them: they
 * are read back once, when the operator first meets a running job (after a restart).
 */
public final class ResultsLedger {
    /** Which pods' reports a chunk holds, by UID: what makes a write after a restart exactly-once. */
    public static final String PODS_ANNOTATION = "paralleljob.io/results-pods";

    private final Map<String, JobLedger> byJobUid = new ConcurrentHashMap<>();

    /** The job's ledger; read from its chunks the first time this operator asks for it. */
    public JobLedger of(KubernetesClient client, ParallelJob job) {
        // Read outside the map's lock: computeIfAbsent would hold the bin (and every job hashed
        // into it) for the length of an API call. Two passes of one job never run at once.
        JobLedger known = byJobUid.get(job.getMetadata().getUid());
        if (known != null) {
            return known;
        }
        JobLedger read = read(client, job);
        JobLedger raced = byJobUid.putIfAbsent(job.getMetadata().getUid(), read);
        return raced != null ? raced : read;
    }

    /** A job that starts now has no chunks yet: no read needed. */
    public void startEmpty(ParallelJob job) {
        byJobUid.putIfAbsent(job.getMetadata().getUid(), new JobLedger());
    }

    public void forget(ParallelJob job) {
        byJobUid.remove(job.getMetadata().getUid());
    }

    /** How many jobs' ledgers are in memory (a finished job's must not stay). */
    public int size() {
        return byJobUid.size();
    }

    /**
     * Writes these pods' new results as one or more chunks (each within {@link LedgerChunk#MAX_GZIP_BYTES})
     * and marks the pods recorded. A failed write throws; nothing is marked, so the next attempt
     * writes the same rows again under the same chunk name; a chunk that did reach the server
     * refuses that (409), the ledger is read again, and the pods annotation tells what is stored.
     */
    public void record(KubernetesClient client, ParallelJob job, JobLedger ledger, Map<String, List<ItemRun>> byPod) {
        Map<Integer, ItemRun> fresh = new java.util.LinkedHashMap<>();
        byPod.values().forEach(runs -> runs.stream().filter(ledger::isNew).forEach(r -> fresh.merge(r.index(), r,
                (a, b) -> a.succeeded() || !b.succeeded() ? a : b)));
        List<ChunkSplitter.Part> parts = ChunkSplitter.split(new ArrayList<>(fresh.values()));
        if (parts.isEmpty()) {
            // Every row is stored already (a chunk written before a restart named no pods): nothing to write.
            ledger.podsRecorded(byPod.keySet());
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            // Only the batch's last chunk names its pods: a crash between two chunks leaves the pods
            // unrecorded, so their rows are written again (the ones already stored are skipped).
            boolean last = i == parts.size() - 1;
            try {
                write(client, job, ledger.chunks(), parts.get(i).gzip(), last ? byPod.keySet() : Set.of());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    // This chunk is stored already: an earlier write whose answer was lost (the client
                    // retries a 5xx itself). What it holds is known only from the server: read the
                    // ledger again at the next attempt, which then writes only what is missing.
                    forget(job);
                }
                throw e;
            }
            ledger.chunkStored(parts.get(i).rows());
            if (last) {
                ledger.podsRecorded(byPod.keySet());
            }
        }
    }

    private static void write(KubernetesClient client, ParallelJob job, int sequence, byte[] gzip, Set<String> pods) {
        String name = job.getMetadata().getName();
        ConfigMap chunk = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(chunkName(job, sequence))
                .withNamespace(job.getMetadata().getNamespace())
                .addToLabels(LedgerChunk.LABEL, name)
                .addToLabels(LedgerChunk.SEQUENCE, Integer.toString(sequence))
                .addToAnnotations(PODS_ANNOTATION, String.join(",", pods))
                .withOwnerReferences(Owner.reference(job))
                .endMetadata()
                .addToBinaryData(LedgerChunk.KEY, Base64.getEncoder().encodeToString(gzip))
                .build();
        client.configMaps().inNamespace(job.getMetadata().getNamespace()).resource(chunk).create();
    }

    /**
     * A chunk's name is fixed by its job and place, so a write that is repeated (a lost answer,
     * retried) is refused as AlreadyExists instead of storing the same rows twice. The job's whole
     * UID is in it: a predecessor of the same name may leave chunks the garbage collector has not
     * reached yet, and UIDs need not differ in their first characters (the mock API server's
     * count up from zeros). Name (at most 50) + UID (36) + sequence stays far below 253.
     */
    static String chunkName(ParallelJob job, int sequence) {
        return job.getMetadata().getName() + "-results-" + job.getMetadata().getUid() + "-" + sequence;
    }

    /** A job's whole ledger, read from its chunks (one list call). */
    static JobLedger read(KubernetesClient client, ParallelJob job) {
        JobLedger ledger = new JobLedger();
        List<ConfigMap> chunks = new ArrayList<>(client.configMaps().inNamespace(job.getMetadata().getNamespace())
                .withLabel(LedgerChunk.LABEL, job.getMetadata().getName()).list().getItems().stream()
                .filter(cm -> Owner.owns(job, cm)).toList());
        chunks.sort(Comparator.comparingInt(ResultsLedger::sequence));
        for (ConfigMap cm : chunks) {
            String data = cm.getBinaryData() == null ? null : cm.getBinaryData().get(LedgerChunk.KEY);
            List<ItemRun> rows = new ArrayList<>();
            if (data != null) {
                LedgerChunk.decode(Base64.getDecoder().decode(data), rows::add);
            }
            String pods = cm.getMetadata().getAnnotations() == null ? null
                    : cm.getMetadata().getAnnotations().get(PODS_ANNOTATION);
            ledger.chunkStored(rows);
            if (pods != null && !pods.isBlank()) {
                ledger.podsRecorded(Set.of(pods.split(",")));
            }
        }
        return ledger;
    }

    private static int sequence(ConfigMap cm) {
        try {
            return Integer.parseInt(cm.getMetadata().getLabels().get(LedgerChunk.SEQUENCE));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }
}
