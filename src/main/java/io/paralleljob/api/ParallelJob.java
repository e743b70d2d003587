package io.paralleljob.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
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
@AdditionalPrinterColumn(name = "Speedup", type = AdditionalPrinterColumn.Type.NUMBER, jsonPath = ".status.timing.speedup")
@AdditionalPrinterColumn(name = "Duration", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.duration")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
public class ParallelJob extends CustomResource<ParallelJobSpec, ParallelJobStatus> implements Namespaced {
    public static final String GROUP = "paralleljob.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "ParallelJob";
}
