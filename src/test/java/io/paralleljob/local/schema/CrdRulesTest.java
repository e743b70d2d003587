package io.paralleljob.local.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every CEL rule of the CRD, evaluated on objects it must accept and objects it must refuse. The
 * rules are read from the CRD itself (the packaged copy, which CrdUpToDateIT keeps equal to the
 * generated one), so a new rule fails here until it has cases.
 */
class CrdRulesTest {
    /** A value the rule is declared on: self, and for a transition rule the stored oldSelf too. */
    record Value(String self, String oldSelf) {
    }

    record Cases(List<Value> accepted, List<Value> refused) {
    }

    private static Value self(String yaml) {
        return new Value(yaml, null);
    }

    private static Value update(String oldSelf, String self) {
        return new Value(self, oldSelf);
    }

    private static final String STARTED = "status: {phase: Running, startTime: '2026-01-01T00:00:00Z'}";

    /** By rule expression. */
    static final Map<String, Cases> CASES = Map.of(
            "[has(self.items), has(self.range), has(self.itemsFrom)].exists_one(given, given)", new Cases(
                    List.of(self("{items: [a], template: {command: [x]}}"),
                            self("{range: {start: 0, end: 3}, template: {command: [x]}}"),
                            self("{itemsFrom: {failedOf: a}, template: {command: [x]}}")),
                    List.of(self("{template: {command: [x]}}"),
                            self("{items: [a], range: {start: 0, end: 3}, template: {command: [x]}}"),
                            self("{items: [a], itemsFrom: {file: f}, template: {command: [x]}}"))),
            "[has(self.configMapKeyRef), has(self.file), has(self.failedOf)].exists_one(given, given)", new Cases(
                    List.of(self("{file: f}"), self("{configMapKeyRef: {name: a, key: b}}")),
                    List.of(self("{}"), self("{file: f, failedOf: a}"))),
            "[has(self.configMap), has(self.secret), has(self.persistentVolumeClaim), has(self.emptyDir)]"
                    + ".exists_one(given, given)", new Cases(
                    List.of(self("{name: a, emptyDir: {}}"), self("{name: a, persistentVolumeClaim: {claimName: c}}"),
                            self("{name: a, configMap: {name: c}}"), self("{name: a, secret: {secretName: s}}")),
                    List.of(self("{name: a}"), self("{name: a, emptyDir: {}, configMap: {name: c}}"))),
            "self.end > self.start", new Cases(
                    List.of(self("{start: 0, end: 1}"), self("{start: -5, end: -4}")),
                    List.of(self("{start: 5, end: 5}"), self("{start: 5, end: 4}"))),
            "self.end - self.start <= 1000000", new Cases(
                    List.of(self("{start: 0, end: 1000000}"), self("{start: 5, end: 4}")),
                    List.of(self("{start: 0, end: 1000001}"),
                            self("{start: -1000000000000000, end: 1000000000000000}"))),
            io.paralleljob.api.ParallelJob.FROZEN_SPEC_RULE, new Cases(
                    List.of(update("{spec: {parallelism: 2}}", "{spec: {parallelism: 3}}"),
                            update("{spec: {parallelism: 2}, status: {phase: Failed}}", "{spec: {parallelism: 3}}"),
                            update("{spec: {parallelism: 2}, " + STARTED + "}",
                                    "{metadata: {name: a}, spec: {parallelism: 2}, " + STARTED + "}"),
                            // suspend and ttlSecondsAfterFinished steer a started job, as on a batch/v1 Job
                            update("{spec: {parallelism: 2, items: [a]}, " + STARTED + "}",
                                    "{spec: {parallelism: 2, items: [a], suspend: true}, " + STARTED + "}"),
                            update("{spec: {suspend: true, items: [a]}, " + STARTED + "}",
                                    "{spec: {suspend: false, items: [a]}, " + STARTED + "}"),
                            update("{spec: {ttlSecondsAfterFinished: 60}, " + STARTED + "}",
                                    "{spec: {ttlSecondsAfterFinished: 0}, " + STARTED + "}")),
                    List.of(update("{spec: {parallelism: 2}, " + STARTED + "}",
                                    "{spec: {parallelism: 3}, " + STARTED + "}"),
                            update("{spec: {items: [a]}, " + STARTED + "}",
                                    "{spec: {items: [a, b]}, " + STARTED + "}"),
                            // a field given, or taken away, after the start is a change too
                            update("{spec: {items: [a]}, " + STARTED + "}",
                                    "{spec: {items: [a], retries: 1}, " + STARTED + "}"),
                            update("{spec: {items: [a], activeDeadlineSeconds: 5}, " + STARTED + "}",
                                    "{spec: {items: [a]}, " + STARTED + "}"),
                            update("{spec: {suspend: true, template: {image: a}}, " + STARTED + "}",
                                    "{spec: {suspend: false, template: {image: b}}, " + STARTED + "}"))));

    static Stream<CrdSchema.DeclaredRule> rules() {
        return CrdSchema.packaged().rules().stream();
    }

    private static final YAMLMapper YAML = new YAMLMapper();

    private static Object value(String yaml, JsonNode schema) {
        try {
            return CelValues.of(YAML.readTree(yaml), schema);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRuleAcceptsAndRefusesWhatItShould(CrdSchema.DeclaredRule declared) {
        Cases cases = CASES.get(declared.expression());
        assertThat(cases).as("rule on %s has no cases: add objects it accepts and refuses to CASES",
                declared.where()).isNotNull();
        assertThat(cases.accepted()).isNotEmpty();
        assertThat(cases.refused()).isNotEmpty();
        CelRule rule = CelRule.of(declared.rule());
        JsonNode schema = schemaOf(declared.where());
        for (Value v : cases.accepted()) {
            assertThat(holds(rule, v, schema)).as("%s accepts %s", declared.expression(), v).isTrue();
        }
        for (Value v : cases.refused()) {
            assertThat(holds(rule, v, schema)).as("%s refuses %s", declared.expression(), v).isFalse();
            assertThat(rule.message(value(v.self(), schema))).isNotBlank();
        }
    }

    private static boolean holds(CelRule rule, Value v, JsonNode schema) {
        assertThat(v.oldSelf() != null).as("a transition rule's case has an oldSelf, and only then")
                .isEqualTo(rule.isTransitionRule());
        return rule.holds(value(v.self(), schema), v.oldSelf() == null ? null : value(v.oldSelf(), schema));
    }

    private static JsonNode schemaOf(String where) {
        FieldPath p = FieldPath.ROOT;
        for (String segment : where.isEmpty() ? new String[0] : where.replace("[*]", ".0").split("\\.")) {
            p = segment.equals("0") ? p.index(0) : p.field(segment);
        }
        return CrdSchema.packaged().at(p);
    }

    @Test
    void everyCaseIsForARuleTheCrdHas() {
        assertThat(rules().map(CrdSchema.DeclaredRule::expression)).containsAll(CASES.keySet());
    }
}
