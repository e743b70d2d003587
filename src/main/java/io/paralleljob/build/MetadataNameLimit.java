package io.paralleljob.build;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.paralleljob.api.Limits;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build time only: caps metadata.name in the CRD's schema. Worker pod names ("NAME-probe-12") and
 * label values derive from the job's name, so a longer one is refused at {@code kubectl apply}
 * rather than failing the job later. The API server allows a CRD to restrict metadata.name and
 * metadata.generateName and nothing else of metadata; the generator never writes metadata, hence
 * this step.
 */
public class MetadataNameLimit implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition v1) {
            v1.getSpec().getVersions().forEach(version -> {
                JSONSchemaProps root = version.getSchema().getOpenAPIV3Schema();
                Map<String, JSONSchemaProps> properties = new TreeMap<>(root.getProperties());
                properties.put("metadata", new JSONSchemaPropsBuilder().withType("object")
                        .addToProperties("name", new JSONSchemaPropsBuilder().withType("string")
                                .withMaxLength((long) Limits.MAX_NAME_LENGTH)
                                .withDescription("At most " + Limits.MAX_NAME_LENGTH + " characters: worker pod "
                                        + "names and labels are built from it.")
                                .build())
                        .build());
                root.setProperties(properties);
            });
        }
        return crd;
    }
}
