package io.paralleljob.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.paralleljob.api.ItemCounts;
import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.WorkerTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubectl plugin's get, rerun and logs against Fabric8's mock API server, as a user would call them. */
@EnableKubernetesMockClient(crud = true)
class PluginCommandTest {
    static KubernetesClient client;
    static KubernetesMockServer server;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int plugin(String... args) {
        out.reset();
        err.reset();
        return new PluginCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> new KubernetesClientBuilder().withConfig(client.getConfiguration()).build()).run(args);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ParallelJob job(String name, String phase, String failedIndexes) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("jobs").withLabels(Map.of("team", "a"))
                .build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setWorkload("CPUBound");
        spec.setParallelism(3);
        spec.setRetries(2);
        spec.setRange(new ItemRange(0L, 10L));
        WorkerTemplate t = new WorkerTemplate();
        t.setImage("python:3.12-slim");
        t.setCommand(List.of("python3", "work.py"));
        spec.setTemplate(t);
        job.setSpec(spec);
        ParallelJobStatus status = new ParallelJobStatus();
        status.setPhase(phase);
        status.setItems(new ItemCounts(10, 10 - (failedIndexes == null ? 0 : 2), failedIndexes == null ? 0 : 2));
        status.setFailedIndexes(failedIndexes);
        job.setStatus(status);
        ParallelJob created = client.resource(job).create();
        created.setStatus(status);
        return client.resource(created).updateStatus();
    }

    @Test
    void getSaysWhereTheJobStandsAndWhichItemsFailed() {
        job("summary", "Failed", "3,7");
        assertThat(plugin("get", "summary", "-n", "jobs")).as(err.toString()).isZero();
        assertThat(printed()).contains("Name:        jobs/summary", "Phase:       Failed",
                "Items:       8 succeeded, 2 failed of 10", "Failed:      3,7");

        assertThat(plugin("get", "nosuch", "-n", "jobs")).isEqualTo(PluginCommand.EXIT_FAILED);
        assertThat(err.toString()).contains("no ParallelJob nosuch in namespace jobs");
    }

    @Test
    void rerunCreatesAJobOfTheFailedItemsWithTheSameTemplateAndSettings() {
        job("batch", "Failed", "3,7");
        assertThat(plugin("rerun", "batch", "-n", "jobs")).as(err.toString()).isZero();
        assertThat(printed()).contains("paralleljob/batch-rerun-1 created", "(3,7)");
        ParallelJob rerun = client.resources(ParallelJob.class).inNamespace("jobs").withName("batch-rerun-1").get();
        assertThat(rerun.getSpec().getItemsFrom().getFailedOf()).isEqualTo("batch");
        assertThat(rerun.getSpec().getRange()).as("the work list is the failures, not the range").isNull();
        assertThat(rerun.getSpec().getTemplate().getCommand()).containsExactly("python3", "work.py");
        assertThat(rerun.getSpec().getParallelism()).isEqualTo(3);
        assertThat(rerun.getSpec().getRetries()).isEqualTo(2);
        assertThat(rerun.getMetadata().getLabels()).containsEntry("team", "a");

        assertThat(plugin("rerun", "batch", "-n", "jobs")).isZero();
        assertThat(printed()).as("a second rerun takes the next free name").contains("batch-rerun-2 created");
        assertThat(plugin("rerun", "batch", "-n", "jobs", "--name", "fix")).isZero();
        assertThat(client.resources(ParallelJob.class).inNamespace("jobs").withName("fix").get()).isNotNull();
    }

    @Test
    void rerunRefusesARunningJobAndHasNothingToDoForASucceededOne() {
        job("busy", "Running", null);
        assertThat(plugin("rerun", "busy", "-n", "jobs")).isEqualTo(PluginCommand.EXIT_FAILED);
        assertThat(err.toString()).contains("busy is Running; rerun it once it has finished");
        job("fine", "Succeeded", null);
        assertThat(plugin("rerun", "fine", "-n", "jobs")).isZero();
        assertThat(printed()).contains("nothing to rerun");
        assertThat(client.resources(ParallelJob.class).inNamespace("jobs").withName("fine-rerun-1").get()).isNull();
    }

    @Test
    void logsPrefixEachLineWithItsPodAndPointToTheLedgerWhenThePodsAreGone() {
        assertThat(plugin("logs", "gone", "-n", "jobs")).isZero();
        assertThat(err.toString()).contains("no worker pods of gone", "kubectl paralleljob results gone -n jobs");

        client.pods().inNamespace("jobs").resource(new PodBuilder().withNewMetadata().withName("live-0-0")
                .addToLabels("paralleljob.io/job", "live").endMetadata().build()).create();
        server.expect().get().withPath("/api/v1/namespaces/jobs/pods/live-0-0/log?pretty=false&container=worker")
                .andReturn(200, "{\"item\":{\"index\":0}}\nline two\n").always();
        server.expect().get().withPath("/api/v1/namespaces/jobs/pods/live-0-0/log?container=worker&pretty=false")
                .andReturn(200, "{\"item\":{\"index\":0}}\nline two\n").always();
        assertThat(plugin("logs", "live", "-n", "jobs")).as(err.toString()).isZero();
        assertThat(printed()).contains("[live-0-0] line two");
    }

    @Test
    void badArgumentsAreExit2WithTheReason() {
        assertThat(plugin("frobnicate", "x")).isEqualTo(PluginCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("unknown command 'frobnicate'");
        assertThat(plugin("get")).isEqualTo(PluginCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("get needs the ParallelJob's NAME");
        assertThat(plugin("get", "a", "--tail", "3")).isEqualTo(PluginCommand.EXIT_USAGE);
        assertThat(plugin("--help")).isZero();
        assertThat(printed()).contains("get NAME", "results NAME", "logs NAME", "rerun NAME", "Exit codes");
    }
}
