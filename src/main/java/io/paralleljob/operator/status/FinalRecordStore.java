package io.paralleljob.operator.status;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.paralleljob.aggregate.FinalRecord;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.operator.Labels;
import java.util.Map;

/**
 * The finished job's record ({@link FinalRecord}) in an annotation on the job: metadata, which a
 * write of the status subresource cannot change, so it outlives a stale status written over the
 * final one. Written once, before the job's pods (the results' only other copy) are let go.
 */
public final class FinalRecordStore {
    private FinalRecordStore() {
    }

    public static FinalRecord read(ParallelJob job) {
        Map<String, String> a = job.getMetadata().getAnnotations();
        return a == null ? null : FinalRecord.parse(a.get(Labels.FINAL_RECORD));
    }

    /** Records the job's finished status, unless the job already carries that record. One merge patch, no read. */
    public static void write(KubernetesClient client, ParallelJob job) {
        FinalRecord record = FinalRecord.of(job.getStatus());
        if (record == null || record.equals(read(job))) {
            return;
        }
        String patch = "{\"metadata\":{\"annotations\":{" + quote(Labels.FINAL_RECORD) + ":" + quote(record.toJson())
                + "}}}";
        client.resources(ParallelJob.class).inNamespace(job.getMetadata().getNamespace()).resource(job)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private static String quote(String s) {
        try {
            return io.paralleljob.model.ReportLine.JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
