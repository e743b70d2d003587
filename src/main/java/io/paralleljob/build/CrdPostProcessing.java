package io.paralleljob.build;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * Build time only: quarkus.operator-sdk.crd.post-processor names one class, so this one runs each
 * post-processing step of the generated CRD in turn.
 */
public class CrdPostProcessing implements CRDPostProcessor {
    private static final List<CRDPostProcessor> STEPS = List.of(new PrinterColumnOrder(), new MetadataNameLimit());

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        HasMetadata processed = crd;
        for (CRDPostProcessor step : STEPS) {
            processed = step.process(processed, crdSpecVersion);
        }
        return processed;
    }
}
