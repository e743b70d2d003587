package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paralleljob.api.ParallelJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ParallelJob schema the API server enforces: the CRD's openAPIV3Schema for our version.
 * Local mode reads the copy packaged into the jar (the build copies crds/ onto the class path, and
 * CrdUpToDateIT keeps crds/ equal to what the build generates), so a job file is checked against
 * exactly what {@code kubectl apply} would be, from whatever directory the jar runs in.
 */
public final class CrdSchema {
    /** Class-path location of the packaged CRD (see the resources of the pom). */
    public static final String RESOURCE = "paralleljob/crds/paralleljobs.paralleljob.io-v1.yml";

    private final JsonNode root;

    private CrdSchema(JsonNode root) {
        this.root = root;
    }

    /** The packaged CRD, read once, on first use: runs that never validate never pay for it. */
    public static CrdSchema packaged() {
        return Packaged.SCHEMA;
    }

    private static final class Packaged {
        static final CrdSchema SCHEMA = load();

        private static CrdSchema load() {
            try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path: the jar was built "
                            + "without the CRD (see the pom's resources)");
                }
                return fromCrd(new YAMLMapper().readTree(in), ParallelJob.VERSION);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** The schema of {@code version} in a CustomResourceDefinition. */
    public static CrdSchema fromCrd(JsonNode crd, String version) {
        for (JsonNode v : crd.path("spec").path("versions")) {
            if (version.equals(v.path("name").asText())) {
                JsonNode schema = v.path("schema").path("openAPIV3Schema");
                if (schema.isObject()) {
                    return new CrdSchema(schema);
                }
            }
        }
        throw new IllegalArgumentException("the CRD has no openAPIV3Schema for version " + version);
    }

    /** The root schema (the whole resource). */
    public JsonNode root() {
        return root;
    }

    /** The schema of the value at {@code path}, or null where the schema declares nothing. */
    public JsonNode at(FieldPath path) {
        JsonNode s = root;
        for (Object segment : path.segments()) {
            if (s == null) {
                return null;
            }
            s = segment instanceof Integer ? s.get("items") : child(s, (String) segment);
        }
        return s;
    }

    private static JsonNode child(JsonNode schema, String name) {
        JsonNode p = schema.path("properties").get(name);
        if (p != null) {
            return p;
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }

    /** A rule of x-kubernetes-validations and where it is declared ({@code spec.range}, {@code spec.items[*]}). */
    public record DeclaredRule(String where, JsonNode rule) {
        public String expression() {
            return rule.path("rule").asText();
        }
    }

    /** Every CEL rule the schema declares, in schema order. */
    public List<DeclaredRule> rules() {
        List<DeclaredRule> found = new ArrayList<>();
        collect(root, "", found);
        return found;
    }

    private static void collect(JsonNode schema, String where, List<DeclaredRule> found) {
        schema.path("x-kubernetes-validations").forEach(r -> found.add(new DeclaredRule(where, r)));
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            collect(p.getValue(), where.isEmpty() ? p.getKey() : where + "." + p.getKey(), found);
        }
        if (schema.path("items").isObject()) {
            collect(schema.get("items"), where + "[*]", found);
        }
        if (schema.path("additionalProperties").isObject()) {
            collect(schema.get("additionalProperties"), where + "[*]", found);
        }
    }
}
