package io.paralleljob.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way, following the data flow: spec (api) -> plan -> runner -> shard
 * reports (model) -> aggregate -> status, with local mode and the operator as the two backends on
 * top and model, the wire format, at the bottom. A change that makes a lower package reach up
 * fails here, naming the class and the dependency.
 */
class LayeringTest {
    private static final String ROOT = "io.paralleljob.";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.paralleljob");
    }

    /** Classes of {@code pkg} (and its subpackages) use nothing of the project outside {@code allowed}. */
    private static void onlyUses(String pkg, String... allowed) {
        String[] outside = java.util.stream.Stream.of("model", "api", "plan", "runner", "aggregate", "local",
                        "operator", "results", "kubectl", "build", "kubeconfig")
                .filter(p -> !p.equals(pkg) && java.util.Arrays.stream(allowed).noneMatch(p::equals))
                .map(p -> ROOT + p + "..").toArray(String[]::new);
        ArchRule rule = noClasses().that().resideInAPackage(ROOT + pkg + "..").should().dependOnClassesThat()
                .resideInAnyPackage(outside).orShould().dependOnClassesThat().belongToAnyOf(io.paralleljob.Main.class);
        rule.check(classes);
    }

    @Test
    void modelIsTheBottom() {
        onlyUses("model");
    }

    @Test
    void theResourceClassesStandAlone() {
        onlyUses("api");
    }

    @Test
    void planningNeedsOnlyTheResourceAndTheModel() {
        onlyUses("plan", "api", "model");
    }

    @Test
    void theRunnerKnowsNoBackendAndNoStatus() {
        onlyUses("runner", "plan", "api", "model");
    }

    @Test
    void aggregationTurnsModelIntoStatus() {
        onlyUses("aggregate", "api", "model");
    }

    @Test
    void localModeIsOneBackend() {
        onlyUses("local", "runner", "aggregate", "plan", "api", "model");
    }

    /** The results command reads ledgers (the model's rows and chunks, the resource's spec): it runs and plans nothing. */
    @Test
    void theResultsCommandOnlyReads() {
        onlyUses("results", "api", "model", "kubeconfig");
    }

    /** The kubectl plugin is a client of the cluster like kubectl: it knows the resource, never the operator. */
    @Test
    void theKubectlPluginTalksToTheClusterOnly() {
        onlyUses("kubectl", "api", "model", "results");
    }

    @Test
    void theOperatorIsTheOtherAndRunsNothingItself() {
        onlyUses("operator", "aggregate", "plan", "api", "model", "kubeconfig");
    }

    /** Finding and checking kubeconfig files, for the operator's start-up and the cluster commands alike. */
    @Test
    void kubeconfigFilesAreCheckedWithNothingOfTheProject() {
        onlyUses("kubeconfig");
    }

    @Test
    void theBuildTimePostProcessorIsLeftAlone() {
        onlyUses("build", "api");
        noClasses().that().resideOutsideOfPackage(ROOT + "build..").should().dependOnClassesThat()
                .resideInAPackage(ROOT + "build..").check(classes);
    }

    /** Inside the operator: the reconcile steps use the parts; the parts never reach back into the steps. */
    @Test
    void operatorPartsDoNotReachIntoTheReconcileSteps() {
        noClasses().that().resideInAnyPackage(ROOT + "operator.pods..", ROOT + "operator.reports..",
                        ROOT + "operator.status..", ROOT + "operator.events..", ROOT + "operator.config..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + "operator.reconcile..").check(classes);
    }
}
