package io.paralleljob.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a job's status whole: one JSON Patch operation, {@code add /status}, which replaces the
 * status member entirely. The operator SDK's own status patch without server-side apply is a
 * JSON Patch diffed against the copy the reconciliation started from; when that copy is a write
 * behind (an event raced the cache), index-based operations on the results list land on the
 * wrong entries (a test saw 7 results for 6 items). A JSON merge patch would also replace lists,
 * but Fabric8's mock API server appends them, and tests must run the production path.
 *
 * <p>It also remembers the last status it wrote for each job: this operator is the only writer,
 * so that is the truth even while the informer cache still holds the one before.
 */
final class StatusWriter {
    private final Map<String, ParallelJobStatus> lastWritten = new ConcurrentHashMap<>();

    /** The job's current status: the last one written here, or what the cache holds. */
    ParallelJobStatus latest(ParallelJob job) {
        ParallelJobStatus written = lastWritten.get(job.getMetadata().getUid());
        return written != null ? written : job.getStatus();
    }

    void write(KubernetesClient client, ParallelJob job, ParallelJobStatus status) {
        String patch = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":"
                + client.getKubernetesSerialization().asJson(status) + "}]";
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/apis/" + ParallelJob.API_VERSION
                + "/namespaces/" + job.getMetadata().getNamespace() + "/paralleljobs/" + job.getMetadata().getName()
                + "/status";
        // A plain PATCH: the client's own patch methods read the object first, one request more per write.
        var http = client.getHttpClient();
        var request = http.newHttpRequestBuilder().uri(url)
                .method("PATCH", "application/json-patch+json", patch).build();
        io.fabric8.kubernetes.client.http.HttpResponse<String> response;
        try {
            response = http.sendAsync(request, String.class).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.fabric8.kubernetes.client.KubernetesClientException("interrupted writing status", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("cannot write status: " + e.getMessage(), e);
        }
        if (!response.isSuccessful()) {
            throw new io.fabric8.kubernetes.client.KubernetesClientException("writing status of "
                    + job.getMetadata().getName() + " failed: HTTP " + response.code() + " " + response.body(),
                    response.code(), null);
        }
        lastWritten.put(job.getMetadata().getUid(), status);
        job.setStatus(status);
    }

    void forget(ParallelJob job) {
        lastWritten.remove(job.getMetadata().getUid());
    }
}
