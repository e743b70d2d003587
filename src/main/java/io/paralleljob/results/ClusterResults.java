package io.paralleljob.results;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.model.LatestResults;
import io.paralleljob.model.LedgerChunk;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A job's results ledger in a cluster, with the ledgers of the jobs it reruns underneath
 * (spec.itemsFrom.failedOf, down the chain): each item's latest outcome across all of them. Chunks
 * are listed a few at a time and decoded one by one, so only one page of them is ever in memory.
 */
final class ClusterResults {
    /** Chunks per list call: each is up to 600 KiB compressed, so a page stays a few MiB. */
    private static final long PAGE = 4;

    private final KubernetesClient client;
    private final String namespace;
    private final Consumer<String> warn;

    ClusterResults(KubernetesClient client, String namespace, Consumer<String> warn) {
        this.client = client;
        this.namespace = namespace;
        this.warn = warn;
    }

    LatestResults read(String name) {
        List<ParallelJob> chain = chain(name);
        LatestResults latest = new LatestResults();
        long chunks = 0;
        // The earliest job first: a later job's outcome for an index ranks above an earlier one's.
        for (int layer = 0; layer < chain.size(); layer++) {
            chunks += readLedger(chain.get(chain.size() - 1 - layer), layer, latest);
        }
        ParallelJob job = chain.get(0);
        String phase = job.getStatus() == null || job.getStatus().getPhase() == null ? "Pending"
                : job.getStatus().getPhase();
        if (chunks > 0 && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            warn.accept("ParallelJob " + name + " is " + phase + ": the results of pods still running are not in "
                    + "its ledger yet");
        }
        if (chunks == 0) {
            throw new ResultsUnreadable("ParallelJob " + name + " in namespace " + namespace + " has no results ledger "
                    + "yet (it is " + phase + "): results are written in batches as its pods end");
        }
        return latest;
    }

    /** The job, then the job it reruns, and so on. */
    private List<ParallelJob> chain(String name) {
        List<ParallelJob> chain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        ParallelJob job = get(name);
        if (job == null) {
            throw new ResultsUnreadable("no ParallelJob " + name + " in namespace " + namespace);
        }
        while (job != null && seen.add(job.getMetadata().getName())) {
            chain.add(job);
            String earlier = job.getSpec() == null || job.getSpec().getItemsFrom() == null ? null
                    : job.getSpec().getItemsFrom().getFailedOf();
            if (earlier == null) {
                break;
            }
            job = get(earlier);
            if (job == null) {
                warn.accept("ParallelJob " + earlier + ", whose failures " + chain.get(chain.size() - 1)
                        .getMetadata().getName() + " reruns, is gone: its outcomes are not shown");
            }
        }
        return chain;
    }

    private ParallelJob get(String name) {
        return client.resources(ParallelJob.class).inNamespace(namespace).withName(name).get();
    }

    /** Reads one job's chunks into {@code latest}; returns how many there were. */
    private long readLedger(ParallelJob job, int layer, LatestResults latest) {
        String name = job.getMetadata().getName();
        long count = 0;
        String next = null;
        do {
            ConfigMapList page = client.configMaps().inNamespace(namespace).withLabel(LedgerChunk.LABEL, name)
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            for (ConfigMap cm : page.getItems()) {
                if (ownedBy(job, cm)) {
                    decode(name, cm, ((long) layer << 32) | sequence(cm), latest);
                    count++;
                }
            }
            next = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return count;
    }

    private static void decode(String job, ConfigMap cm, long rank, LatestResults latest) {
        String data = cm.getBinaryData() == null ? null : cm.getBinaryData().get(LedgerChunk.KEY);
        if (data == null) {
            throw new ResultsUnreadable("results chunk " + cm.getMetadata().getName() + " of ParallelJob " + job
                    + " is unreadable: it has no binaryData key " + LedgerChunk.KEY);
        }
        try {
            LedgerChunk.decode(Base64.getDecoder().decode(data), run -> latest.offer(run, rank));
        } catch (RuntimeException e) {
            throw new ResultsUnreadable("results chunk " + cm.getMetadata().getName() + " of ParallelJob " + job
                    + " is unreadable: " + e.getMessage());
        }
    }

    /** A chunk a predecessor of the same name left behind (not yet collected) is not this job's. */
    private static boolean ownedBy(ParallelJob job, ConfigMap cm) {
        return cm.getMetadata().getOwnerReferences() != null && cm.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> job.getMetadata().getUid() != null && job.getMetadata().getUid().equals(o.getUid()));
    }

    /** The chunk's place in its job's ledger; unlabelled, it counts as the latest (as the operator reads it). */
    private static long sequence(ConfigMap cm) {
        try {
            return Integer.parseInt(cm.getMetadata().getLabels().get(LedgerChunk.SEQUENCE));
        } catch (RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** A client error in one line: the server's message, or what failed on the way there. */
    static String why(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
