package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRD's x-kubernetes-validations, applied to a new resource as the API server applies them on
 * create: every rule on every value present, with {@code self} bound to that value. Transition
 * rules (they read oldSelf) apply to updates only, and a local run has no stored object: they are
 * skipped. Runs after the schema check, as the rules assume the schema's shapes.
 */
final class CelRules {
    private final CrdSchema crd;
    private final Map<String, CelRule> compiled = new ConcurrentHashMap<>();

    /** Compiles every rule the CRD declares that applies on create: the costly part, done once. */
    CelRules(CrdSchema crd) {
        this.crd = crd;
        for (CrdSchema.DeclaredRule r : crd.rules()) {
            CelRule rule = CelRule.of(r.rule());
            if (!rule.isTransitionRule()) {
                compiled.put(r.rule().toString(), rule);
            }
        }
    }

    /** The first rule broken, outer values before inner ones. */
    Optional<Problem> firstProblem(JsonNode resource) {
        return walk(resource, crd.root(), FieldPath.ROOT);
    }

    private Optional<Problem> walk(JsonNode value, JsonNode schema, FieldPath at) {
        if (schema == null || value == null || value.isNull()) {
            return Optional.empty();
        }
        for (JsonNode declaration : schema.path("x-kubernetes-validations")) {
            CelRule rule = compiled.computeIfAbsent(declaration.toString(), k -> CelRule.of(declaration));
            if (rule.isTransitionRule()) {
                continue;
            }
            Object self = CelValues.of(value, schema);
            try {
                if (!rule.holds(self, null)) {
                    return Optional.of(new Problem(at.then(rule.fieldPath()), rule.message(self), Problem.WRONG_VALUE));
                }
            } catch (IllegalStateException e) {
                return Optional.of(new Problem(at, e.getMessage(), Problem.WRONG_VALUE));
            }
        }
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                JsonNode fieldSchema = schema.path("properties").get(e.getKey());
                if (fieldSchema == null && schema.path("additionalProperties").isObject()) {
                    fieldSchema = schema.get("additionalProperties");
                }
                Optional<Problem> p = walk(e.getValue(), fieldSchema, at.field(e.getKey()));
                if (p.isPresent()) {
                    return p;
                }
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Optional<Problem> p = walk(value.get(i), schema.get("items"), at.index(i));
                if (p.isPresent()) {
                    return p;
                }
            }
        }
        return Optional.empty();
    }
}
