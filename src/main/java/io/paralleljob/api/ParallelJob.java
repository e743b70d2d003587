package io.paralleljob.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A list of work items fanned out as threads in one pod (I/O-bound work) or as many pods
 * (CPU-bound work), with every item's result and the run's timing gathered into status.
 */
@Group(ParallelJob.GROUP)
@Version(ParallelJob.VERSION)
@Plural("paralleljobs")
@ShortNames("pj")
@AdditionalPrinterColumn(name = "Workload", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".spec.workload")
@AdditionalPrinterColumn(name = "Strategy", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.strategy")
@AdditionalPrinterColumn(name = "Progress", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.progress")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Suspended", type = AdditionalPrinterColumn.Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Suspended\")].status")
@AdditionalPrinterColumn(name = "Speedup", type = AdditionalPrinterColumn.Type.NUMBER, jsonPath = ".status.timing.speedup")
@AdditionalPrinterColumn(name = "Duration", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.duration")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
/*
 * The spec is frozen when the job starts (its task ConfigMap): an edit after that would never reach
 * a pod, so the API server refuses it. Before the start (Pending, LeftoversBlockStart, or Failed
 * with InvalidSpec, which creates nothing) edits are what fixes a job, so they stay allowed; the
 * start is when status.startTime appears. A transition rule: it applies to updates only.
 */
@ValidationRule(value = ParallelJob.FROZEN_SPEC_RULE,
        message = "cannot change once the job has started (status.startTime is set), except suspend and "
                + "ttlSecondsAfterFinished; delete and re-create the job to run a new spec",
        reason = "FieldValueForbidden", fieldPath = ".spec")
public class ParallelJob extends CustomResource<ParallelJobSpec, ParallelJobStatus> implements Namespaced {
    public static final String GROUP = "paralleljob.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "ParallelJob";
    /**
     * Every spec field but {@link ParallelJobSpec#EDITABLE_AFTER_START} must stay as it was once the
     * job has started. Field by field, because CEL cannot compare an object minus some keys; a field
     * added to the spec must be listed here (FrozenSpecRuleTest fails until it is, or is editable).
     */
    public static final String FROZEN_SPEC_RULE = "!has(oldSelf.status) || !has(oldSelf.status.startTime) || ("
            + "(has(self.spec.workload) == has(oldSelf.spec.workload)"
            + " && (!has(self.spec.workload) || self.spec.workload == oldSelf.spec.workload))"
            + " && (has(self.spec.parallelism) == has(oldSelf.spec.parallelism)"
            + " && (!has(self.spec.parallelism) || self.spec.parallelism == oldSelf.spec.parallelism))"
            + " && (has(self.spec.items) == has(oldSelf.spec.items)"
            + " && (!has(self.spec.items) || self.spec.items == oldSelf.spec.items))"
            + " && (has(self.spec.range) == has(oldSelf.spec.range)"
            + " && (!has(self.spec.range) || self.spec.range == oldSelf.spec.range))"
            + " && (has(self.spec.itemsFrom) == has(oldSelf.spec.itemsFrom)"
            + " && (!has(self.spec.itemsFrom) || self.spec.itemsFrom == oldSelf.spec.itemsFrom))"
            + " && (has(self.spec.template) == has(oldSelf.spec.template)"
            + " && (!has(self.spec.template) || self.spec.template == oldSelf.spec.template))"
            + " && (has(self.spec.retries) == has(oldSelf.spec.retries)"
            + " && (!has(self.spec.retries) || self.spec.retries == oldSelf.spec.retries))"
            + " && (has(self.spec.backoffLimit) == has(oldSelf.spec.backoffLimit)"
            + " && (!has(self.spec.backoffLimit) || self.spec.backoffLimit == oldSelf.spec.backoffLimit))"
            + " && (has(self.spec.activeDeadlineSeconds) == has(oldSelf.spec.activeDeadlineSeconds)"
            + " && (!has(self.spec.activeDeadlineSeconds)"
            + " || self.spec.activeDeadlineSeconds == oldSelf.spec.activeDeadlineSeconds))"
            + " && (has(self.spec.itemTimeoutSeconds) == has(oldSelf.spec.itemTimeoutSeconds)"
            + " && (!has(self.spec.itemTimeoutSeconds)"
            + " || self.spec.itemTimeoutSeconds == oldSelf.spec.itemTimeoutSeconds))"
            + " && (has(self.spec.delivery) == has(oldSelf.spec.delivery)"
            + " && (!has(self.spec.delivery) || self.spec.delivery == oldSelf.spec.delivery))" + ")";

    /** Overridden only to mark spec required in the CRD: a ParallelJob without one has nothing to run. */
    @Override
    @Required
    public ParallelJobSpec getSpec() {
        return super.getSpec();
    }
}
