package io.paralleljob.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paralleljob.api.ParallelJob;

/** Prints a ParallelJob the way kubectl get -o yaml / -o json would. */
final class ResourcePrinter {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "7" stays a string: kubectl apply of the printed job must pass the CRD schema (items are strings).
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private ResourcePrinter() {
    }

    static String print(ParallelJob job, String format) {
        try {
            return "json".equals(format) ? JSON.writeValueAsString(job) + "\n" : YAML.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the job: " + e.getMessage(), e);
        }
    }
}
