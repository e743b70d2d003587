package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The API server drops a field whose value is null unless its schema says nullable: true, before
 * it validates ({@code retries: ~} means "not set"). A null inside a list is not dropped: it is a
 * wrong type there.
 */
final class KubernetesNulls {
    private KubernetesNulls() {
    }

    static void prune(JsonNode value, JsonNode schema) {
        if (value instanceof ObjectNode object) {
            List<String> nulls = new ArrayList<>();
            object.properties().forEach(e -> {
                JsonNode fieldSchema = fieldSchema(schema, e.getKey());
                if (fieldSchema == null) {
                    return; // an unknown field stays, to be reported, null or not
                }
                if (e.getValue().isNull()) {
                    if (!fieldSchema.path("nullable").asBoolean(false)) {
                        nulls.add(e.getKey());
                    }
                } else {
                    prune(e.getValue(), fieldSchema);
                }
            });
            nulls.forEach(object::remove);
        } else if (value != null && value.isArray() && schema != null && schema.path("items").isObject()) {
            value.forEach(element -> prune(element, schema.get("items")));
        }
    }

    private static JsonNode fieldSchema(JsonNode schema, String field) {
        if (schema == null) {
            return null;
        }
        JsonNode p = schema.path("properties").get(field);
        if (p != null) {
            return p;
        }
        JsonNode additional = schema.get("additionalProperties");
        return additional != null && additional.isObject() ? additional : null;
    }
}
