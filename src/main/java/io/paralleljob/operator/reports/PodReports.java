package io.paralleljob.operator.reports;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ReportLine;
import io.paralleljob.operator.pods.PodState;
import io.paralleljob.operator.pods.WorkerPodFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finished worker pods' reports, read from each pod's log once (after it ends) and cached by pod
 * UID: a pod's log never changes after it terminates, so no pod is read twice while this operator
 * runs. After a restart the cache is empty and every kept pod is read once again, which is how
 * results survive restarts: pods keep a finalizer until the job's final status is written.
 */
public final class PodReports {
    /** @param done the runner's closing summary, null if it did not get that far */
    public record PodReport(List<ItemRun> runs, ReportLine.ShardDone done) {
    }

    private final Map<String, PodReport> byUid = new ConcurrentHashMap<>();
    private final java.util.function.Consumer<List<ItemRun>> onRead;

    /** @param onRead told about each pod's items once, when its report is first read */
    public PodReports(java.util.function.Consumer<List<ItemRun>> onRead) {
        this.onRead = onRead;
    }

    /**
     * @param followed items the live follower saw in this pod's log stream. They fill in what the
     *                 final read no longer holds: kubelets rotate container logs (10 MiB by default)
     *                 and serve only the newest file, so a long pod's early lines can be gone.
     */
    public PodReport of(KubernetesClient client, Pod pod, Collection<ItemRun> followed) {
        String uid = pod.getMetadata().getUid();
        PodReport known = byUid.get(uid);
        if (known != null) {
            return known;
        }
        // The log is read outside the map's lock (computeIfAbsent would hold every pod hashed into
        // the same bin, of any job, for the length of the read); one job's passes never overlap.
        PodReport read = read(client, pod);
        PodReport report = read;
        if (!followed.isEmpty()) {
            Map<Integer, ItemRun> merged = new java.util.LinkedHashMap<>();
            followed.forEach(r -> merged.put(r.index(), r));
            read.runs().forEach(r -> merged.put(r.index(), r)); // the final read wins where both have it
            report = new PodReport(List.copyOf(merged.values()), read.done());
        }
        PodReport raced = byUid.putIfAbsent(uid, report);
        if (raced != null) {
            return raced;
        }
        onRead.accept(report.runs());
        return report;
    }

    /** How many pods' reports are cached (a finished job's must not stay). */
    public int size() {
        return byUid.size();
    }

    public void forgetAll(Set<String> uids) {
        byUid.keySet().removeAll(uids);
    }

    /**
     * These pods' results are in the job's ledger and the pods stay (until the job ends): keep only
     * each report's closing summary, which says how the pod ended, so that the log is not read
     * again while the results, held by the ledger, take no memory twice.
     */
    public void keepSummaries(Set<String> uids) {
        for (String uid : uids) {
            byUid.computeIfPresent(uid, (k, r) -> r.runs().isEmpty() ? r : new PodReport(List.of(), r.done()));
        }
    }

    private static PodReport read(KubernetesClient client, Pod pod) {
        // A plain GET of the log subresource: the pod has terminated (the informer says so), so the
        // client's pod-readiness check before reading a log would only cost extra requests.
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + logPath(pod);
        try {
            return parse(client.raw(url));
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            // 4xx for a pod that has ended means there is no log and never will be (its container
            // never started: init failed, deleted or evicted while pending, node gone): an empty
            // report, so the pod counts as failed and its shard gets a replacement. Anything else
            // (5xx, 429, network) is worth retrying.
            if (e.getCode() == 400 || e.getCode() == 404 || e.getCode() == 410 || PodState.lost(pod)) {
                return new PodReport(List.of(), null);
            }
            // 401/403 (a Role without pods/log), 5xx, 429, a dead kubelet: the log may come back.
            throw new UnreadableLog(pod.getMetadata().getName() + ": cannot read its log ("
                    + (e.getCode() > 0 ? "HTTP " + e.getCode() + ": " : "") + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** A finished pod's log could not be read this time; its report is retried later. */
    public static final class UnreadableLog extends RuntimeException {
        UnreadableLog(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no message";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    public static String logPath(Pod pod) {
        return "/api/v1/namespaces/" + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName()
                + "/log?container=" + WorkerPodFactory.WORKER_CONTAINER;
    }

    static PodReport parse(String log) {
        List<ItemRun> runs = new ArrayList<>();
        ReportLine.ShardDone done = null;
        try (BufferedReader in = new BufferedReader(new StringReader(log == null ? "" : log))) {
            for (String line; (line = in.readLine()) != null; ) {
                ReportLine r = ReportLine.parse(line.strip());
                if (r == null) {
                    continue;
                }
                if (r.item() != null) {
                    runs.add(r.item());
                }
                if (r.done() != null) {
                    done = r.done();
                }
            }
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return new PodReport(List.copyOf(runs), done);
    }
}
