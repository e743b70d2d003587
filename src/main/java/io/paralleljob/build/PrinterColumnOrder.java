package io.paralleljob.build;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Comparator;
import java.util.List;

/**
 * Build time only (quarkus.operator-sdk.crd.post-processor): the CRD generator sorts printer
 * columns by JSON path, which would make `kubectl get pj` start with AGE. This puts them in the
 * order they are declared on {@link ParallelJob}, the order a user reads them in.
 */
public class PrinterColumnOrder implements CRDPostProcessor {
    static final List<String> ORDER = List.of("Workload", "Strategy", "Progress", "Phase", "Suspended", "Speedup", "Duration",
            "Age");

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition v1) {
            v1.getSpec().getVersions().forEach(version -> {
                List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
                if (columns != null) {
                    columns.sort(Comparator.comparingInt(c -> ORDER.indexOf(c.getName()) < 0 ? ORDER.size()
                            : ORDER.indexOf(c.getName())));
                }
            });
        }
        return crd;
    }
}
