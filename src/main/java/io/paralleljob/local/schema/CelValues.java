package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as CEL sees it in the API server: objects are maps, lists are lists, integers are
 * int (64 bits), and a value whose schema says number is a double even when written as 3.
 */
public final class CelValues {
    private CelValues() {
    }

    public static Object of(JsonNode value, JsonNode schema) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (value.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(e -> map.put(e.getKey(), of(e.getValue(), field(schema, e.getKey()))));
            return map;
        }
        if (value.isArray()) {
            JsonNode items = schema == null ? null : schema.get("items");
            List<Object> list = new ArrayList<>(value.size());
            value.forEach(v -> list.add(of(v, items)));
            return list;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            boolean number = schema != null && "number".equals(schema.path("type").asText());
            return value.isIntegralNumber() && !number && value.canConvertToLong() ? (Object) value.longValue()
                    : (Object) value.doubleValue();
        }
        return value.asText();
    }

    private static JsonNode field(JsonNode schema, String name) {
        if (schema == null) {
            return null;
        }
        JsonNode p = schema.path("properties").get(name);
        return p != null ? p : schema.get("additionalProperties");
    }
}
