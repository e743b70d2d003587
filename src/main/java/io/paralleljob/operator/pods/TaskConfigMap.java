package io.paralleljob.operator.pods;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.model.PodTask;
import io.paralleljob.model.ReportLine;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.Owner;
import io.paralleljob.plan.JobPlan;
import java.util.List;

/**
 * The job's frozen spec: created once when the job starts, mounted into every worker pod (task.json)
 * and the source of every pod the operator builds later. The items are stored once, in task.json;
 * spec.json holds the rest of the spec. A spec whose ConfigMap would exceed what the API server
 * stores fails the job (SpecTooLarge) instead of a create refused again and again. A spec edited after the start therefore
 * never reaches half of the pods: it is reported instead, as condition SpecChangeRejected.
 *
 * <p>Why not the framework's KubernetesDependentResource: this object is create-only (a
 * dependent would be kept equal to the live spec, the opposite of frozen), it is created only
 * after validation and after an earlier job's leftovers are gone (workflow preconditions), and it
 * is found by the job's name label with ownership checked by UID, because a predecessor's copy of
 * the same name may still exist. Those three things are plain code in CreateTaskConfigMap and
 * WaitForLeftovers; in a dependent they would be a custom discriminator, a reconcile precondition
 * and a no-op updater, more framework for the same two API calls.
 */
public final class TaskConfigMap {
    static final String TASK_KEY = "task.json";
    static final String SPEC_KEY = "spec.json";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private TaskConfigMap() {
    }

    /**
     * What a ConfigMap's data may hold: the API server refuses more than 1 MiB; the rest of the
     * margin is for the keys and for what the server counts that this does not.
     */
    public static final int MAX_DATA_BYTES = 1_000_000;

    /**
     * @throws SpecTooLargeException when the frozen spec cannot be stored: the job cannot start,
     *         and waiting will not change that (the create would be refused every time)
     */
    public static ConfigMap build(ParallelJob job, JobPlan plan) {
        // The items as the plan resolved them (from the spec, a ConfigMap or an earlier job), frozen
        // here: a later reconciliation and every pod read them from this copy, never the source again.
        PodTask task = plan.task(null);
        List<String> items = task.items();
        String taskJson;
        try {
            taskJson = ReportLine.JSON.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The items once: task.json has them (the runner reads it); spec.json is the rest of the spec.
        ParallelJobSpec rest = SERIALIZATION.clone(job.getSpec());
        rest.setItems(null);
        String specJson = SERIALIZATION.asJson(rest);
        long bytes = utf8(taskJson) + utf8(specJson);
        if (bytes > MAX_DATA_BYTES) {
            throw new SpecTooLargeException(bytes, MAX_DATA_BYTES, items == null ? 0 : items.size());
        }
        ConfigMapBuilder cm = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Labels.taskConfigMapName(job.getMetadata().getName()))
                .withNamespace(job.getMetadata().getNamespace())
                .addToLabels(Labels.JOB, job.getMetadata().getName())
                .addToLabels(Labels.MANAGED_BY, Labels.MANAGER)
                .addToAnnotations(Labels.SPEC_GENERATION, String.valueOf(job.getMetadata().getGeneration()))
                .withOwnerReferences(Owner.reference(job))
                .endMetadata()
                .addToData(TASK_KEY, taskJson)
                .addToData(SPEC_KEY, specJson);
        String queue = io.paralleljob.operator.kueue.KueuePodGroup.queueOf(job);
        if (queue != null) {
            cm.editMetadata().addToAnnotations(io.paralleljob.operator.kueue.KueuePodGroup.FROZEN_QUEUE, queue)
                    .endMetadata();
        }
        return cm.build();
    }

    /** Checks that the job's spec can be frozen, without building the ConfigMap for good. */
    public static void checkFits(ParallelJob job, JobPlan plan) {
        build(job, plan);
    }

    /** The spec as it was when the job started; its items come from task.json, where they are stored. */
    public static ParallelJobSpec frozenSpec(ConfigMap cm) {
        ParallelJobSpec spec = SERIALIZATION.unmarshal(cm.getData().get(SPEC_KEY), ParallelJobSpec.class);
        if (spec.getItems() == null && spec.getRange() == null && spec.getItemsFrom() == null) {
            try {
                spec.setItems(ReportLine.JSON.readValue(cm.getData().get(TASK_KEY), PodTask.class).items());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the task ConfigMap " + cm.getMetadata().getName()
                        + " holds no readable task.json: " + e.getOriginalMessage(), e);
            }
        }
        return spec;
    }

    /** The items a started job froze, whatever its spec named: the source a started job's plan reads. */
    public static io.paralleljob.plan.ItemSource frozenItems(ConfigMap cm) {
        return from -> {
            try {
                PodTask task = ReportLine.JSON.readValue(cm.getData().get(TASK_KEY), PodTask.class);
                return new io.paralleljob.plan.ResolvedItems(io.paralleljob.plan.WorkItems.from(task),
                        task.runOnlyIndexes());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the task ConfigMap " + cm.getMetadata().getName()
                        + " holds no readable task.json: " + e.getOriginalMessage(), e);
            }
        };
    }

    private static long utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    public static long frozenGeneration(ConfigMap cm) {
        String g = cm.getMetadata().getAnnotations() == null ? null
                : cm.getMetadata().getAnnotations().get(Labels.SPEC_GENERATION);
        try {
            return g == null ? 0 : Long.parseLong(g);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
