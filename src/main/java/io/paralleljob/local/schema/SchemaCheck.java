package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource against the CRD's OpenAPI schema, judged as the API server judges it. A CRD schema is
 * OpenAPI 3.0 with Kubernetes' rules on top, and two of them need saying to a JSON-schema validator:
 * an object schema admits only the fields it declares (the API server rejects unknown fields under
 * kubectl's strict field validation) unless it has additionalProperties or
 * x-kubernetes-preserve-unknown-fields; and a null field that is not nullable is dropped, not
 * rejected. The x-kubernetes-* keywords are Kubernetes' own: the validator passes over them (the
 * CEL rules are {@link CelRules}' part). apiVersion, kind and metadata are implicit at the root.
 */
final class SchemaCheck {
    private static final String DIALECT = "https://paralleljob.io/schemas/kubernetes-openapi-3.0";

    private final CrdSchema crd;
    private final Schema schema;

    SchemaCheck(CrdSchema crd) {
        this.crd = crd;
        Dialect.Builder dialect = Dialect.builder(DIALECT, Dialects.getOpenApi30());
        for (String k : List.of("x-kubernetes-validations", "x-kubernetes-int-or-string",
                "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource", "x-kubernetes-list-type",
                "x-kubernetes-list-map-keys", "x-kubernetes-map-type")) {
            dialect.keyword(new NonValidationKeyword(k));
        }
        SchemaRegistry registry = SchemaRegistry.withDialect(dialect.build());
        this.schema = registry.getSchema(SchemaLocation.of(DIALECT + "/paralleljob"), structural(crd.root()));
    }

    /**
     * The first problem, in the order a reader meets them: unknown fields, then wrong types, then
     * the rest.
     *
     * @param instance the resource as the API server validates it on create (see {@link ResourceValidator})
     */
    Optional<Problem> firstProblem(JsonNode instance) {
        List<Error> errors = schema.validate(instance);
        if (errors.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Integer> order = DocumentOrder.of(instance);
        return errors.stream()
                // an anyOf (int-or-string) is reported as its branches' type errors, which describe the
                // field's own schema: "expected a whole number or a string"
                .map(e -> SchemaMessages.problem(e, path(e.getInstanceLocation()), crd, instance))
                .min(Comparator.comparingInt(Problem::rank)
                        .thenComparingInt(p -> position(order, p.path())));
    }

    /** Where a problem's field is in the document; a missing field is where its parent is. */
    private static int position(Map<String, Integer> order, FieldPath path) {
        List<Object> segments = path.segments();
        for (int n = segments.size(); n >= 0; n--) {
            Integer at = order.get(new FieldPath(segments.subList(0, n)).toString());
            if (at != null) {
                return at;
            }
        }
        return Integer.MAX_VALUE;
    }

    /** The CRD schema with Kubernetes' implicit rules written out for a JSON-schema validator. */
    static JsonNode structural(JsonNode crdSchema) {
        ObjectNode root = crdSchema.deepCopy();
        close(root);
        ObjectNode properties = root.with("properties");
        properties.set("apiVersion", JsonNodeFactory.instance.objectNode().put("type", "string"));
        properties.set("kind", JsonNodeFactory.instance.objectNode().put("type", "string"));
        // metadata may hold every ObjectMeta field; ObjectMetaCheck knows which, the schema only
        // restricts the name
        ObjectNode metadata = properties.has("metadata") ? (ObjectNode) properties.get("metadata")
                : properties.putObject("metadata").put("type", "object");
        metadata.put("additionalProperties", true);
        properties.remove("status");
        return root;
    }

    private static void close(ObjectNode schema) {
        boolean isObject = "object".equals(schema.path("type").asText()) || schema.has("properties");
        if (isObject && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(p -> close((ObjectNode) p));
        for (String sub : List.of("items", "additionalProperties")) {
            if (schema.path(sub).isObject()) {
                close((ObjectNode) schema.get(sub));
            }
        }
        for (String combinator : List.of("anyOf", "allOf", "oneOf")) {
            schema.path(combinator).forEach(s -> close((ObjectNode) s));
        }
    }

    private static FieldPath path(NodePath location) {
        FieldPath p = FieldPath.ROOT;
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            p = element instanceof Integer index ? p.index(index) : p.field(String.valueOf(element));
        }
        return p;
    }

    /** Each value's position in the document (pre-order), so the first problem is the first one met. */
    private static final class DocumentOrder {
        static Map<String, Integer> of(JsonNode doc) {
            Map<String, Integer> order = new HashMap<>();
            walk(doc, FieldPath.ROOT, order);
            return order;
        }

        private static void walk(JsonNode node, FieldPath at, Map<String, Integer> order) {
            order.put(at.toString(), order.size());
            if (node.isObject()) {
                node.properties().forEach(e -> walk(e.getValue(), at.field(e.getKey()), order));
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    walk(node.get(i), at.index(i), order);
                }
            }
        }
    }
}
