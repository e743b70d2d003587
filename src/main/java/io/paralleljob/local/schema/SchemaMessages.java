package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schema validator's error in a user's words, naming the field: "must be between 1 and 10000
 * (got 0)", not "$.spec.parallelism: must have a minimum value of 1".
 */
final class SchemaMessages {
    /** A pattern that lists the allowed values: ^(Auto|IOBound|CPUBound)$. */
    private static final Pattern ALTERNATIVES = Pattern.compile("\\^\\(([\\w.-]+(?:\\|[\\w.-]+)*)\\)\\$");

    private SchemaMessages() {
    }

    static Problem problem(Error e, FieldPath at, CrdSchema crd, JsonNode instance) {
        String keyword = String.valueOf(e.getKeyword());
        if (keyword.equals("required")) {
            return new Problem(at.field(e.getProperty()), "is required", Problem.MISSING);
        }
        if (keyword.equals("additionalProperties")) {
            JsonNode objectSchema = crd.at(at);
            java.util.SortedSet<String> known = new java.util.TreeSet<>();
            if (objectSchema != null) {
                objectSchema.path("properties").fieldNames().forEachRemaining(known::add);
            }
            if (at.isRoot()) {
                known.addAll(List.of("apiVersion", "kind", "metadata"));
                known.remove("status");
            }
            return new Problem(at.field(e.getProperty()), known.isEmpty() ? "unknown field (this object has no fields)"
                    : "unknown field (known fields: " + String.join(", ", known) + ")", Problem.UNKNOWN_FIELD);
        }
        JsonNode schema = crd.at(at);
        JsonNode value = valueAt(instance, at);
        if (schema == null) {
            return new Problem(at, plain(e), Problem.WRONG_VALUE);
        }
        return switch (keyword) {
            case "type" -> new Problem(at, "wrong type: expected " + expected(schema) + got(value, schema),
                    Problem.WRONG_TYPE);
            case "anyOf" -> new Problem(at, "wrong type: expected " + expected(schema) + got(value, schema),
                    Problem.WRONG_TYPE);
            case "minimum", "maximum" -> new Problem(at, bounds(schema) + " (got " + value + ")", Problem.WRONG_VALUE);
            case "minLength" -> new Problem(at, "must be at least " + schema.path("minLength").asLong()
                    + " characters long (got " + length(value) + ")", Problem.WRONG_VALUE);
            case "maxLength" -> new Problem(at, "must be at most " + schema.path("maxLength").asLong()
                    + " characters long (got " + length(value) + ")", Problem.WRONG_VALUE);
            case "minItems" -> new Problem(at, (value.isEmpty() ? "is empty" : "has " + value.size() + " entries")
                    + "; give at least " + schema.path("minItems").asLong(), Problem.WRONG_VALUE);
            case "maxItems" -> new Problem(at, "has " + value.size() + " entries; at most "
                    + schema.path("maxItems").asLong(), Problem.WRONG_VALUE);
            case "pattern" -> new Problem(at, pattern(schema.path("pattern").asText(), value), Problem.WRONG_VALUE);
            case "enum" -> new Problem(at, "unknown value " + quoted(value) + " (expected one of "
                    + schema.path("enum") + ")", Problem.WRONG_VALUE);
            default -> new Problem(at, plain(e), Problem.WRONG_VALUE);
        };
    }

    /** The validator's own text without the location it starts with. */
    private static String plain(Error e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        return m.startsWith("$") && colon > 0 ? m.substring(colon + 2) : m;
    }

    private static JsonNode valueAt(JsonNode instance, FieldPath at) {
        JsonNode v = instance;
        for (Object s : at.segments()) {
            v = s instanceof Integer i ? v.path(i) : v.path((String) s);
        }
        return v;
    }

    /** The type a schema wants, in a user's words. */
    static String expected(JsonNode schema) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return "a whole number or a string";
        }
        return switch (schema.path("type").asText()) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "array" -> "a list";
            case "object" -> "an object (key: value)";
            default -> "another kind of value";
        };
    }

    /** What was found instead: a scalar is shown; a number or true/false where a string belongs gets a hint. */
    private static String got(JsonNode value, JsonNode schema) {
        if (value.isTextual()) {
            return " (got '" + value.asText() + "')";
        }
        if ((value.isNumber() || value.isBoolean()) && "string".equals(schema.path("type").asText())) {
            return " (got " + value + "; quote it to make it a string: \"" + value + "\")";
        }
        if (value.isValueNode()) {
            return " (got " + value + ")";
        }
        return "";
    }

    private static String bounds(JsonNode schema) {
        boolean min = schema.has("minimum");
        boolean max = schema.has("maximum");
        if (min && max) {
            return "must be between " + number(schema.get("minimum")) + " and " + number(schema.get("maximum"));
        }
        return min ? "must be at least " + number(schema.get("minimum")) : "must be at most " + number(schema.get("maximum"));
    }

    /** 1.0E15 as 1000000000000000, 1.0 as 1. */
    private static String number(JsonNode n) {
        return new BigDecimal(n.asText()).stripTrailingZeros().toPlainString();
    }

    private static String pattern(String regex, JsonNode value) {
        Matcher m = ALTERNATIVES.matcher(regex);
        if (m.matches()) {
            return "unknown value " + quoted(value) + " (expected one of [" + m.group(1).replace("|", ", ") + "])";
        }
        return quoted(value) + " does not match " + regex;
    }

    private static String quoted(JsonNode value) {
        return value.isTextual() ? "'" + value.asText() + "'" : String.valueOf(value);
    }

    private static int length(JsonNode value) {
        String s = value.asText();
        return s.codePointCount(0, s.length());
    }
}
