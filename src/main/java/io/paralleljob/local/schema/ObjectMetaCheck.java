package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the API server checks of metadata itself, whatever the CRD says: only ObjectMeta's fields,
 * a name that is a DNS-1123 subdomain, a namespace that is a DNS-1123 label, label and annotation
 * keys that are qualified names, label values of at most 63 characters. (The CRD adds the
 * operator's own cap on the name's length; {@link SchemaCheck} applies it.)
 */
final class ObjectMetaCheck {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final String NAME_RULE = "lower-case letters, digits, '-' and '.', starting and ending with a "
            + "letter or digit";

    /** ObjectMeta's JSON field names, as the Kubernetes model declares them. */
    private static final List<String> KNOWN = known();

    private ObjectMetaCheck() {
    }

    private static List<String> known() {
        ObjectMapper mapper = new ObjectMapper();
        TreeSet<String> names = new TreeSet<>();
        for (BeanPropertyDefinition p : mapper.getDeserializationConfig()
                .introspect(mapper.constructType(ObjectMeta.class)).findProperties()) {
            names.add(p.getName());
        }
        return List.copyOf(names);
    }

    static Optional<Problem> firstProblem(JsonNode resource) {
        FieldPath at = FieldPath.ROOT.field("metadata");
        JsonNode metadata = resource.get("metadata");
        if (metadata == null || metadata.isNull()) {
            return problem(at.field("name"), "is required", Problem.MISSING);
        }
        if (!metadata.isObject()) {
            return problem(at, "wrong type: expected an object (key: value)", Problem.WRONG_TYPE);
        }
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (!KNOWN.contains(e.getKey())) {
                return problem(at.field(e.getKey()), "unknown field (known fields: " + String.join(", ", KNOWN) + ")",
                        Problem.UNKNOWN_FIELD);
            }
        }
        JsonNode name = metadata.get("name");
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isEmpty())) {
            return problem(at.field("name"), "is required", Problem.MISSING);
        }
        // A DNS-1123 subdomain, within the job's own bound (pod and ConfigMap names are made from
        // it), so the message names the one limit that applies.
        Optional<Problem> p = dnsName(at.field("name"), name, DNS_SUBDOMAIN, io.paralleljob.api.Limits.MAX_NAME_LENGTH,
                "name");
        if (p.isPresent()) {
            return p;
        }
        JsonNode namespace = metadata.get("namespace");
        if (namespace != null && !namespace.isNull()) {
            p = dnsName(at.field("namespace"), namespace, DNS_LABEL, 63, "namespace");
            if (p.isPresent()) {
                return p;
            }
        }
        p = stringMap(at.field("labels"), metadata.get("labels"), true);
        return p.isPresent() ? p : stringMap(at.field("annotations"), metadata.get("annotations"), false);
    }

    private static Optional<Problem> dnsName(FieldPath at, JsonNode value, Pattern pattern, int max, String what) {
        if (!value.isTextual()) {
            return problem(at, "wrong type: expected a string", Problem.WRONG_TYPE);
        }
        String s = value.asText();
        if (!pattern.matcher(s).matches()) {
            return problem(at, "'" + s + "' is not a valid " + what + ": " + NAME_RULE
                    + (pattern == DNS_SUBDOMAIN ? "" : ", no '.'") + ", at most " + max + " characters", Problem.WRONG_VALUE);
        }
        if (s.length() > max) { // worded as the schema's own length bounds are
            return problem(at, "must be at most " + max + " characters long (got " + s.length() + ")",
                    Problem.WRONG_VALUE);
        }
        return Optional.empty();
    }

    /** labels or annotations: string keys that are qualified names, string values (label values bounded too). */
    private static Optional<Problem> stringMap(FieldPath at, JsonNode map, boolean labels) {
        if (map == null || map.isNull()) {
            return Optional.empty();
        }
        if (!map.isObject()) {
            return problem(at, "wrong type: expected an object (key: value)", Problem.WRONG_TYPE);
        }
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            FieldPath entry = at.field(e.getKey());
            if (!qualifiedName(e.getKey())) {
                return problem(entry, "'" + e.getKey() + "' is not a valid key: an optional DNS subdomain prefix and "
                        + "'/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or "
                        + "digit", Problem.WRONG_VALUE);
            }
            if (!e.getValue().isTextual()) {
                return problem(entry, "wrong type: expected a string" + (e.getValue().isValueNode()
                        ? " (got " + e.getValue() + "; quote it to make it a string: \"" + e.getValue().asText() + "\")"
                        : ""), Problem.WRONG_TYPE);
            }
            String v = e.getValue().asText();
            if (labels && (v.length() > 63 || !LABEL_VALUE.matcher(v).matches())) {
                return problem(entry, "'" + v + "' is not a valid label value: at most 63 letters, digits, '-', '_' "
                        + "or '.', starting and ending with a letter or digit", Problem.WRONG_VALUE);
            }
        }
        return Optional.empty();
    }

    private static boolean qualifiedName(String key) {
        int slash = key.indexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
    }

    private static Optional<Problem> problem(FieldPath at, String message, int rank) {
        return Optional.of(new Problem(at, message, rank));
    }
}
