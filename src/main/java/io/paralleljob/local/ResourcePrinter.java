package io.paralleljob.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.paralleljob.api.ParallelJob;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Prints a ParallelJob the way kubectl get -o yaml / -o json would. */
final class ResourcePrinter {
    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    // "7" stays a string: kubectl apply of the printed job must pass the CRD schema (items are strings).
                    .stringQuotingChecker(new QuoteNonStrings()).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /**
     * Quotes every string a YAML 1.1 reader (SnakeYAML here, go-yaml in kubectl) would resolve to
     * something else: ALWAYS_QUOTE_NUMBERS_AS_STRINGS alone misses 1e3, 0x10, .inf and the like,
     * which then read back as numbers or fail to parse.
     */
    private static final class QuoteNonStrings extends StringQuotingChecker.Default {
        private static final Resolver RESOLVER = new Resolver();

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true));
        }
    }
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
