package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerPodMetadata;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.api.WorkerVolume;
import io.paralleljob.api.Workload;
import io.paralleljob.model.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every rejection names the offending field; a valid spec gets its defaults. */
class SpecValidatorTest {

    /** A valid job (two items, one command), changed by {@code edit}. */
    static ParallelJob job(Consumer<ParallelJobSpec> edit) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName("demo").build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setItems(List.of("a", "b"));
        WorkerTemplate template = new WorkerTemplate();
        template.setCommand(List.of("python3", "-c", "print(1)"));
        spec.setTemplate(template);
        edit.accept(spec);
        job.setSpec(spec);
        return job;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> rejects(Consumer<ParallelJobSpec> edit,
            String field) {
        return assertThatThrownBy(() -> SpecValidator.validate(job(edit)))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }

    @Test
    void defaultsAreAppliedToAMinimalSpec() {
        JobPlan plan = SpecValidator.validate(job(s -> { }));

        assertThat(plan.name()).isEqualTo("demo");
        assertThat(plan.workload()).isEqualTo(Workload.Auto);
        assertThat(plan.parallelism()).isEqualTo(4);
        assertThat(plan.retries()).isZero();
        assertThat(plan.items().size()).isEqualTo(2);
        assertThat(plan.items().get(0)).isEqualTo("a");
        assertThat(plan.argv()).containsExactly("python3", "-c", "print(1)");
        assertThat(plan.env()).isEmpty();
        assertThat(plan.workingDir()).isNull();
    }

    @Test
    void explicitValuesAreKeptAndArgsFollowTheCommand() {
        JobPlan plan = SpecValidator.validate(job(s -> {
            s.setWorkload("CPUBound");
            s.setParallelism(7);
            s.setRetries(3);
            s.getTemplate().setArgs(List.of("x", "y"));
            s.getTemplate().setWorkingDir("/tmp");
            s.getTemplate().setEnv(List.of(new EnvVar("GREETING", "hi", null)));
        }));

        assertThat(plan.workload()).isEqualTo(Workload.CPUBound);
        assertThat(plan.parallelism()).isEqualTo(7);
        assertThat(plan.retries()).isEqualTo(3);
        assertThat(plan.argv()).containsExactly("python3", "-c", "print(1)", "x", "y");
        assertThat(plan.workingDir()).isEqualTo("/tmp");
        assertThat(plan.env()).extracting(EnvVar::getName).containsExactly("GREETING");
    }

    @Test
    void rangeExpandsToTheIntegersFromStartToBeforeEnd() {
        JobPlan plan = SpecValidator.validate(job(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(5L, 8L));
        }));

        assertThat(plan.items().size()).isEqualTo(3);
        assertThat(List.of(plan.items().get(0), plan.items().get(1), plan.items().get(2)))
                .containsExactly("5", "6", "7");
    }

    @Test
    void bothItemsAndRangeIsRejected() {
        rejects(s -> s.setRange(new ItemRange(0L, 3L)), "spec.items").hasMessageContaining("exactly one of items, range and itemsFrom");
    }

    @Test
    void neitherItemsNorRangeIsRejected() {
        rejects(s -> s.setItems(null), "spec.items").hasMessageContaining("range");
    }

    @Test
    void emptyItemsAreRejected() {
        rejects(s -> s.setItems(List.of()), "spec.items").hasMessageContaining("empty");
    }

    @Test
    void aNullItemIsRejectedWithItsIndex() {
        List<String> items = new ArrayList<>();
        items.add("a");
        items.add(null);
        rejects(s -> s.setItems(items), "spec.items[1]");
    }

    @Test
    void emptyOrBackwardsRangeIsRejected() {
        rejects(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(5L, 5L));
        }, "spec.range").hasMessageContaining("empty");
        rejects(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(5L, 2L));
        }, "spec.range").hasMessageContaining("greater than start");
    }

    @Test
    void rangeWithoutEndIsRejected() {
        rejects(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(0L, null));
        }, "spec.range.end");
    }

    @Test
    void parallelismZeroIsRejected() {
        rejects(s -> s.setParallelism(0), "spec.parallelism").hasMessageContaining("got 0");
    }

    @Test
    void parallelismAboveTheMaximumIsRejected() {
        int tooMany = SpecValidator.MAX_PARALLELISM + 1;
        rejects(s -> s.setParallelism(tooMany), "spec.parallelism").hasMessageContaining("got " + tooMany);
        // the maximum itself is fine
        assertThat(SpecValidator.validate(job(s -> s.setParallelism(SpecValidator.MAX_PARALLELISM))).parallelism())
                .isEqualTo(SpecValidator.MAX_PARALLELISM);
    }

    @Test
    void unknownWorkloadIsRejectedListingTheValidOnes() {
        rejects(s -> s.setWorkload("Fast"), "spec.workload")
                .hasMessageContaining("'Fast'")
                .hasMessageContaining("Auto").hasMessageContaining("IOBound").hasMessageContaining("CPUBound");
        // case matters, as in the CRD's pattern
        rejects(s -> s.setWorkload("iobound"), "spec.workload");
    }

    @Test
    void deliveryDefaultsToPerItemAndStreamReachesTheTask() {
        assertThat(SpecValidator.validate(job(s -> { })).delivery()).isEqualTo(Delivery.PerItem);
        JobPlan stream = SpecValidator.validate(job(s -> s.setDelivery("Stream")));
        assertThat(stream.delivery()).isEqualTo(Delivery.Stream);
        assertThat(stream.task(null).command().streams()).isTrue();
        assertThat(SpecValidator.validate(job(s -> { })).task(null).delivery()).isNull(); // task.json unchanged
        rejects(s -> s.setDelivery("Lines"), "spec.delivery").hasMessageContaining("PerItem").hasMessageContaining(
                "Stream");
    }

    @Test
    void aStreamItemWithALineBreakIsRefusedByIndex() {
        rejects(s -> {
            s.setDelivery("Stream");
            s.setItems(List.of("one", "two", "three\nlines"));
        }, "spec.items[2]").hasMessageContaining("line break").hasMessageContaining("delivery Stream");
        // PerItem passes it in PJ_ITEM, where a line break is fine
        assertThat(SpecValidator.validate(job(s -> s.setItems(List.of("a\nb")))).items().get(0)).isEqualTo("a\nb");
    }

    @Test
    void missingTemplateIsRejected() {
        rejects(s -> s.setTemplate(null), "spec.template");
    }

    @Test
    void missingOrEmptyCommandIsRejected() {
        rejects(s -> s.getTemplate().setCommand(null), "spec.template.command");
        rejects(s -> s.getTemplate().setCommand(List.of()), "spec.template.command");
        rejects(s -> s.getTemplate().setCommand(List.of(" ")), "spec.template.command[0]");
    }

    @Test
    void negativeRetriesAreRejected() {
        rejects(s -> s.setRetries(-1), "spec.retries").hasMessageContaining("got -1");
    }

    @Test
    void reservedEnvNamesAreRejected() {
        rejects(s -> s.getTemplate().setEnv(List.of(new EnvVar("OK", "1", null), new EnvVar("PJ_ITEM", "x", null))),
                "spec.template.env[1].name").hasMessageContaining("reserved");
        rejects(s -> s.getTemplate().setEnv(List.of(new EnvVar("PJ_ITEM_INDEX", "3", null))),
                "spec.template.env[0].name").hasMessageContaining("reserved");
    }

    @Test
    void envWithoutNameIsRejected() {
        rejects(s -> s.getTemplate().setEnv(List.of(new EnvVar(null, "1", null))), "spec.template.env[0].name");
    }

    @Test
    void backoffLimitAndDeadlineHaveDefaultsAndBounds() {
        JobPlan plan = SpecValidator.validate(job(s -> { }));
        assertThat(plan.backoffLimit()).isEqualTo(JobPlan.DEFAULT_BACKOFF_LIMIT);
        assertThat(plan.activeDeadlineSeconds()).isNull();

        rejects(s -> s.setBackoffLimit(-1), "spec.backoffLimit").hasMessageContaining("got -1");
        rejects(s -> s.setActiveDeadlineSeconds(0L), "spec.activeDeadlineSeconds").hasMessageContaining("got 0");
        assertThat(SpecValidator.validate(job(s -> s.setActiveDeadlineSeconds(60L))).activeDeadlineSeconds())
                .isEqualTo(60L);
    }

    @Test
    void aNameTooLongForPodNamesIsRejected() {
        ParallelJob longName = job(s -> { });
        longName.getMetadata().setName("n".repeat(SpecValidator.MAX_NAME_LENGTH + 1));
        assertThatThrownBy(() -> SpecValidator.validate(longName)).hasMessageStartingWith("metadata.name: ");

        ParallelJob justFits = job(s -> { });
        justFits.getMetadata().setName("n".repeat(SpecValidator.MAX_NAME_LENGTH));
        assertThat(SpecValidator.validate(justFits).name()).hasSize(SpecValidator.MAX_NAME_LENGTH);
    }

    @Test
    void missingNameOrSpecIsRejected() {
        ParallelJob noName = job(s -> { });
        noName.getMetadata().setName(null);
        assertThatThrownBy(() -> SpecValidator.validate(noName)).hasMessageStartingWith("metadata.name: ");

        ParallelJob noSpec = job(s -> { });
        noSpec.setSpec(null);
        assertThatThrownBy(() -> SpecValidator.validate(noSpec)).hasMessageStartingWith("spec: ");
    }

    @Test
    void itemTimeoutMustBePositive() {
        rejects(s -> s.setItemTimeoutSeconds(0L), "spec.itemTimeoutSeconds");
        assertThat(SpecValidator.validate(job(s -> s.setItemTimeoutSeconds(30L))).itemTimeoutSeconds()).isEqualTo(30L);
    }

    @Test
    void envNamesAndResourceQuantitiesAreCheckedAsTheApiServerWould() {
        rejects(s -> s.getTemplate().setEnv(List.of(new io.fabric8.kubernetes.api.model.EnvVar("1BAD", "x", null))),
                "spec.template.env[0].name");
        rejects(s -> s.getTemplate().setResources(new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("lots")).build()),
                "spec.template.resources.limits.cpu");
        assertThat(SpecValidator.validate(job(s -> s.getTemplate().setResources(
                new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                        .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m"))
                        .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).build())))).isNotNull();
    }

    private static EnvVar fromSource(java.util.function.Consumer<io.fabric8.kubernetes.api.model.EnvVarSourceBuilder> source) {
        io.fabric8.kubernetes.api.model.EnvVarSourceBuilder b = new io.fabric8.kubernetes.api.model.EnvVarSourceBuilder();
        source.accept(b);
        return new io.fabric8.kubernetes.api.model.EnvVarBuilder().withName("V").withValueFrom(b.build()).build();
    }

    private static final EnvVar SECRET = fromSource(b -> b.withNewSecretKeyRef().withName("db").withKey("password")
            .endSecretKeyRef());

    @Test
    void aSecretInTheEnvironmentIsRefusedUnlessThePolicyAllowsIt() {
        SpecPolicy operatorDefault = new SpecPolicy(false, "the operator runs with paralleljob.allow-secret-env=true");
        assertThatThrownBy(() -> SpecValidator.validate(job(s -> s.getTemplate().setEnv(List.of(SECRET))),
                operatorDefault))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("spec.template.env[0].valueFrom.secretKeyRef: ")
                .hasMessageContaining("status")
                .hasMessageContaining("unless the operator runs with paralleljob.allow-secret-env=true");
        // The one-argument form is the strict policy.
        rejects(s -> s.getTemplate().setEnv(List.of(new EnvVar("A", "1", null), SECRET)),
                "spec.template.env[1].valueFrom.secretKeyRef");

        JobPlan allowed = SpecValidator.validate(job(s -> s.getTemplate().setEnv(List.of(SECRET))),
                new SpecPolicy(true, null));
        assertThat(allowed.env()).containsExactly(SECRET);
    }

    @Test
    void configMapKeysAndThePodsOwnFieldsAreAllowed() {
        List<EnvVar> env = List.of(
                fromSource(b -> b.withNewConfigMapKeyRef().withName("settings").withKey("mode").endConfigMapKeyRef()),
                fromSource(b -> b.withNewFieldRef().withFieldPath("metadata.name").endFieldRef()),
                fromSource(b -> b.withNewResourceFieldRef().withResource("limits.memory").endResourceFieldRef()));
        assertThat(SpecValidator.validate(job(s -> s.getTemplate().setEnv(env))).env()).hasSize(3);
    }

    @Test
    void aSourceNotKnownToBeHarmlessIsRefused() {
        rejects(s -> s.getTemplate().setEnv(List.of(fromSource(b -> b.withNewFileKeyRef().withVolumeName("runner")
                .withPath("x").withKey("k").endFileKeyRef()))), "spec.template.env[0].valueFrom.fileKeyRef");
        EnvVar unknown = fromSource(b -> { });
        unknown.getValueFrom().setAdditionalProperty("vaultRef", java.util.Map.of("path", "x"));
        rejects(s -> s.getTemplate().setEnv(List.of(unknown)), "spec.template.env[0].valueFrom.vaultRef");
    }

    @Test
    void aRangeWhoseBoundsAreFarApartIsTooLargeNotEmptyAndNeverWraps() {
        rejects(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(Long.MIN_VALUE, Long.MAX_VALUE));
        }, "spec.range").hasMessageContaining("more than 2^63 items");
        // end - start overflows to 4 here: it used to run items 9223372036854775807, then negative ones.
        rejects(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(Long.MAX_VALUE, Long.MIN_VALUE + 3));
        }, "spec.range").hasMessageContaining("empty");
        JobPlan top = SpecValidator.validate(job(s -> {
            s.setItems(null);
            s.setRange(new ItemRange(Long.MAX_VALUE - 2, Long.MAX_VALUE));
        }));
        assertThat(List.of(top.items().get(0), top.items().get(1)))
                .containsExactly("9223372036854775805", "9223372036854775806");
    }

    @Test
    void whatNoEnvironmentVariableCanHoldIsRefusedWithTheItemsIndex() {
        rejects(s -> s.setItems(List.of("a", "b\0c")), "spec.items[1]").hasMessageContaining("NUL");
        rejects(s -> s.setItems(List.of("x".repeat(SpecValidator.MAX_ITEM_BYTES + 1))), "spec.items[0]")
                .hasMessageContaining("bytes");
        assertThat(SpecValidator.validate(job(s -> s.setItems(List.of("x".repeat(SpecValidator.MAX_ITEM_BYTES)))))
                .items().size()).isEqualTo(1);
        rejects(s -> s.getTemplate().setArgs(List.of("a\0")), "spec.template.args[0]");
        rejects(s -> s.getTemplate().setEnv(List.of(new EnvVar("A", "1\0", null))), "spec.template.env[0].value");
    }

    private static WorkerVolume volume(String name, Consumer<WorkerVolume> source) {
        WorkerVolume v = new WorkerVolume();
        v.setName(name);
        source.accept(v);
        return v;
    }

    private static final WorkerVolume SCRATCH = volume("scratch", v -> v.setEmptyDir(new EmptyDirVolumeSource()));

    @Test
    void podVolumesAreCheckedAgainstTheRunnersOwn() {
        rejects(s -> s.getTemplate().setVolumes(List.of(volume("runner", v -> v.setEmptyDir(new EmptyDirVolumeSource())))),
                "spec.template.volumes[0].name").hasMessageContaining("the runner's own volume");
        rejects(s -> s.getTemplate().setVolumes(List.of(SCRATCH, SCRATCH)), "spec.template.volumes[1].name")
                .hasMessageContaining("declared twice");
        rejects(s -> s.getTemplate().setVolumes(List.of(volume("x", v -> { }))), "spec.template.volumes[0]");
        rejects(s -> {
            s.getTemplate().setVolumes(List.of(SCRATCH));
            s.getTemplate().setVolumeMounts(List.of(new VolumeMountBuilder().withName("data").withMountPath("/d").build()));
        }, "spec.template.volumeMounts[0].name").hasMessageContaining("names no volume");
        for (String path : List.of("/pj", "/pj-task/x", "/", "relative")) {
            rejects(s -> {
                s.getTemplate().setVolumes(List.of(SCRATCH));
                s.getTemplate().setVolumeMounts(List.of(new VolumeMountBuilder().withName("scratch").withMountPath(path)
                        .build()));
            }, "spec.template.volumeMounts[0].mountPath");
        }
        JobPlan ok = SpecValidator.validate(job(s -> {
            s.getTemplate().setVolumes(List.of(SCRATCH));
            s.getTemplate().setVolumeMounts(List.of(new VolumeMountBuilder().withName("scratch").withMountPath("/pjx")
                    .build()));
        }));
        assertThat(ok.name()).isEqualTo("demo");
    }

    @Test
    void aSecretVolumeFollowsTheSecretPolicyAndOperatorLabelsAreTheOperators() {
        WorkerVolume secret = volume("creds", v -> v.setSecret(new SecretVolumeSourceBuilder().withSecretName("db")
                .build()));
        rejects(s -> s.getTemplate().setVolumes(List.of(secret)), "spec.template.volumes[0].secret")
                .hasMessageContaining("status");
        SpecValidator.validate(job(s -> s.getTemplate().setVolumes(List.of(secret))), new SpecPolicy(true, null));

        WorkerPodMetadata meta = new WorkerPodMetadata();
        meta.setLabels(java.util.Map.of("paralleljob.io/job", "other"));
        rejects(s -> s.getTemplate().setMetadata(meta), "spec.template.metadata.labels")
                .hasMessageContaining("operator's own");
    }
}
