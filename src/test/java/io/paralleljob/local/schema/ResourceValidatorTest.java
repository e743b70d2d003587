package io.paralleljob.local.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.paralleljob.plan.InvalidSpecException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resources the API server would refuse, each with the one line local mode prints for it: the
 * field, and what is wrong in plain words. The first problem met is the one told.
 */
class ResourceValidatorTest {
    static final String VALID = """
            apiVersion: paralleljob.io/v1alpha1
            kind: ParallelJob
            metadata:
              name: squares
              labels: {team: a}
            spec:
              workload: IOBound
              parallelism: 2
              retries: 1
              items: ["7", "11", "13"]
              template:
                image: python:3.12-slim
                command: ["python3", "-c", "print(1)"]
                env:
                  - {name: GREETING, value: hi}
                resources: {limits: {cpu: 500m, memory: 1Gi}}
            """;

    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** VALID with one line replaced (or, replacing "", with lines added to the spec). */
    private static String with(String line, String replacement) {
        if (!VALID.contains(line)) {
            throw new AssertionError("VALID has no line " + line);
        }
        return VALID.replace(line, replacement);
    }

    static Stream<Arguments> badResources() {
        return Stream.of(
                // bounds
                bad(with("parallelism: 2", "parallelism: 0"), "spec.parallelism: must be between 1 and 10000 (got 0)"),
                bad(with("parallelism: 2", "parallelism: 10001"),
                        "spec.parallelism: must be between 1 and 10000 (got 10001)"),
                bad(with("retries: 1", "retries: 101"), "spec.retries: must be between 0 and 100 (got 101)"),
                bad(with("retries: 1", "backoffLimit: -1"), "spec.backoffLimit: must be between 0 and 100 (got -1)"),
                bad(with("retries: 1", "activeDeadlineSeconds: 0"),
                        "spec.activeDeadlineSeconds: must be between 1 and 315360000 (got 0)"),
                bad(with("retries: 1", "itemTimeoutSeconds: 315360001"),
                        "spec.itemTimeoutSeconds: must be between 1 and 315360000 (got 315360001)"),
                bad(with("items: [\"7\", \"11\", \"13\"]", "range: {start: -2000000000000000, end: 3}"),
                        "spec.range.start: must be between -1000000000000000 and 1000000000000000 "
                                + "(got -2000000000000000)"),
                bad(with("items: [\"7\", \"11\", \"13\"]", "items: []"), "spec.items: is empty; give at least 1"),
                bad(with("command: [\"python3\", \"-c\", \"print(1)\"]", "command: []"),
                        "spec.template.command: is empty; give at least 1"),
                bad(with("    image: python:3.12-slim", "    workingDir: /" + "d".repeat(4096)),
                        "spec.template.workingDir: must be at most 4096 characters long (got 4097)"),
                // CEL rules
                bad(with("retries: 1", "range: {start: 0, end: 3}"),
                        "spec: set exactly one of items, range and itemsFrom (the work list)"),
                bad(with("  items: [\"7\", \"11\", \"13\"]\n", ""),
                        "spec: set exactly one of items, range and itemsFrom (the work list)"),
                bad(with("items: [\"7\", \"11\", \"13\"]", "range: {start: 5, end: 5}"),
                        "spec.range: end must be greater than start: [start, end) holds no item"),
                bad(with("items: [\"7\", \"11\", \"13\"]", "range: {start: 0, end: 1000001}"),
                        "spec.range: holds more than 1000000 items (end - start)"),
                // types: what the API server refuses, YAML's numbers where strings belong included
                bad(with("items: [\"7\", \"11\", \"13\"]", "items: [1, 2, 3]"),
                        "spec.items[0]: wrong type: expected a string (got 1; quote it to make it a string: \"1\")"),
                bad(with("parallelism: 2", "parallelism: \"2\""),
                        "spec.parallelism: wrong type: expected a whole number (got '2')"),
                bad(with("parallelism: 2", "parallelism: 2.5"),
                        "spec.parallelism: wrong type: expected a whole number (got 2.5)"),
                bad(with("workload: IOBound", "workload: [IOBound]"), "spec.workload: wrong type: expected a string"),
                bad(with("items: [\"7\", \"11\", \"13\"]", "items: [\"7\", null]"),
                        "spec.items[1]: wrong type: expected a string (got null)"),
                bad(with("cpu: 500m", "cpu: [1]"),
                        "spec.template.resources.limits.cpu: wrong type: expected a whole number or a string"),
                bad(with("workload: IOBound", "workload: Fast"),
                        "spec.workload: unknown value 'Fast' (expected one of [Auto, IOBound, CPUBound])"),
                // unknown fields, everywhere
                bad(with("{name: GREETING, value: hi}", "{name: B, valu: y}"),
                        "spec.template.env[0].valu: unknown field (known fields: name, value, valueFrom)"),
                bad(with("parallelism: 2", "paralelism: 2"), "spec.paralelism: unknown field (known fields: "
                        + "activeDeadlineSeconds, backoffLimit, delivery, itemTimeoutSeconds, items, itemsFrom, "
                        + "parallelism, range, retries, suspend, template, ttlSecondsAfterFinished, workload)"),
                bad(with("    command:", "    comand:"), "spec.template.comand: unknown field (known fields: affinity, "
                        + "args, command, env, image, imagePullSecrets, metadata, nodeSelector, priorityClassName, "
                        + "resources, tolerations, volumeMounts, volumes, workingDir)"),
                // worker pod volumes: only the kinds a batch job needs; never the node's file system
                bad(with("    image: python:3.12-slim", "    volumes: [{name: data, hostPath: {path: /etc}}]"),
                        "spec.template.volumes[0].hostPath: unknown field (known fields: configMap, emptyDir, name, "
                                + "persistentVolumeClaim, secret)"),
                bad(with("    image: python:3.12-slim", "    volumes: [{name: data}]"),
                        "spec.template.volumes[0]: set exactly one of configMap, secret, persistentVolumeClaim and "
                                + "emptyDir"),
                bad(with("    image: python:3.12-slim",
                        "    volumes: [{name: data, emptyDir: {}, persistentVolumeClaim: {claimName: c}}]"),
                        "spec.template.volumes[0]: set exactly one of configMap, secret, persistentVolumeClaim and "
                                + "emptyDir"),
                bad(VALID + "sepc: {}\n", "sepc: unknown field (known fields: apiVersion, kind, metadata, spec)"),
                bad(with("  labels:", "  lables:"), "metadata.lables: unknown field (known fields: annotations, "
                        + "creationTimestamp, deletionGracePeriodSeconds, deletionTimestamp, finalizers, generateName, "
                        + "generation, labels, managedFields, name, namespace, ownerReferences, resourceVersion, "
                        + "selfLink, uid)"),
                // missing
                bad(with("    command: [\"python3\", \"-c\", \"print(1)\"]\n", ""), "spec.template.command: is required"),
                bad(VALID.substring(0, VALID.indexOf("spec:")), "spec: is required"),
                // metadata, as the API server checks it
                bad(with("name: squares", "name: My_Job"), "metadata.name: 'My_Job' is not a valid name: lower-case "
                        + "letters, digits, '-' and '.', starting and ending with a letter or digit, at most 50 "
                        + "characters"),
                bad(with("name: squares", "name: " + "n".repeat(51)),
                        "metadata.name: must be at most 50 characters long (got 51)"),
                bad(with("name: squares", "name: ~"), "metadata.name: is required"),
                bad(with("labels: {team: a}", "labels: {team: a b}"), "metadata.labels.team: 'a b' is not a valid "
                        + "label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter "
                        + "or digit"),
                bad(with("labels: {team: a}", "labels: {replicas: 3}"), "metadata.labels.replicas: wrong type: "
                        + "expected a string (got 3; quote it to make it a string: \"3\")"),
                bad(with("labels: {team: a}", "namespace: Team.A"), "metadata.namespace: 'Team.A' is not a valid "
                        + "namespace: lower-case letters, digits, '-' and '.', starting and ending with a letter or "
                        + "digit, no '.', at most 63 characters"));
    }

    private static Arguments bad(String resource, String message) {
        return Arguments.of(message, resource);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResources")
    void aBadResourceIsRefusedNamingTheFieldInPlainWords(String message, String resource) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> ResourceValidator.packaged().check(yaml(resource)));
        assertThat(e).as("accepted:\n" + resource).isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(message).startsWith(e.field() + ": ");
    }

    @Test
    void theValidResourceIsAccepted() {
        assertThatCode(() -> ResourceValidator.packaged().check(yaml(VALID))).doesNotThrowAnyException();
    }

    @Test
    void nullMeansNotSetAsForTheApiServer() {
        assertThatCode(() -> ResourceValidator.packaged().check(yaml(with("retries: 1", "retries: ~\n  range: ~"))))
                .doesNotThrowAnyException();
    }

    @Test
    void statusIsIgnoredAsOnCreate() {
        assertThatCode(() -> ResourceValidator.packaged().check(yaml(VALID + "status: {phase: Succeeded, bogus: 1}\n")))
                .doesNotThrowAnyException();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        String edges = VALID.replace("parallelism: 2", "parallelism: 10000\n  activeDeadlineSeconds: 315360000")
                .replace("retries: 1", "retries: 100\n  backoffLimit: 0")
                .replace("items: [\"7\", \"11\", \"13\"]", "range: {start: 999999999000000, end: 1000000000000000}")
                .replace("name: squares", "name: " + "n".repeat(50));
        assertThatCode(() -> ResourceValidator.packaged().check(yaml(edges))).doesNotThrowAnyException();
    }

    @Test
    void anUnknownFieldIsToldBeforeTheMissingOneItExplains() {
        // comand is a typo: "command is required" would be true, and no help
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
                () -> ResourceValidator.packaged().check(yaml(with("    command:", "    comand:"))));
        assertThat(e.field()).isEqualTo("spec.template.comand");
    }
}
