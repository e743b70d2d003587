package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The real operator (started by Quarkus) against Fabric8's mock API server, with a test kubelet
 * that runs the worker pods. Tests act through their own client (user agent "test-user") so the
 * operator's API requests can be told apart from theirs.
 */
abstract class OperatorTestBase {
    static final String NS = "jobs";

    @KubernetesTestServer
    KubernetesServer server;

    /** The operator's client (the one Quarkus produces). */
    @Inject
    KubernetesClient operatorClient;

    KubernetesClient user;
    TestKubelet kubelet;

    @BeforeEach
    void startKubelet() throws Exception {
        user = as("test-user");
        kubelet = new TestKubelet(as("test-kubelet"), server, NS);
    }

    @AfterEach
    void stopKubelet() {
        kubelet.close();
        user.close();
    }

    KubernetesClient as(String agent) {
        Config config = new ConfigBuilder(operatorClient.getConfiguration()).withUserAgent(agent).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static ParallelJob job(String name, String workload, int parallelism, int items, String... command) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setWorkload(workload);
        spec.setParallelism(parallelism);
        spec.setRange(new ItemRange(0L, (long) items));
        WorkerTemplate t = new WorkerTemplate();
        t.setImage("python:3.12-slim");
        t.setCommand(List.of(command));
        spec.setTemplate(t);
        job.setSpec(spec);
        return job;
    }

    ParallelJob create(ParallelJob job) {
        return user.resource(job).create();
    }

    ParallelJob get(String name) {
        return user.resources(ParallelJob.class).inNamespace(NS).withName(name).get();
    }

    ParallelJob awaitPhase(String name, String phase) {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> {
                ParallelJob j = get(name);
                return j != null && j.getStatus() != null && phase.equals(j.getStatus().getPhase());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Say what the job and its pods look like instead of only that time ran out.
            StringBuilder pods = new StringBuilder();
            for (Pod p : pods(name)) {
                pods.append("\n  ").append(p.getMetadata().getName()).append(": ")
                        .append(p.getStatus() == null ? "no status" : p.getStatus().getPhase())
                        .append(p.getMetadata().getDeletionTimestamp() == null ? "" : " (deleting)");
            }
            throw new AssertionError("job " + name + " never reached " + phase + "; it is:\n"
                    + io.fabric8.kubernetes.client.utils.Serialization.asYaml(get(name)) + "pods:" + pods
                    + "\nstarted by the kubelet: " + startedPods(name) + "\nkubelet failures: " + kubelet.failures, e);
        }
        return get(name);
    }

    List<Pod> pods(String job) {
        return user.pods().inNamespace(NS).withLabel(Labels.JOB, job).list().getItems();
    }

    List<String> startedPods(String job) {
        return kubelet.started.stream().filter(p -> p.startsWith(NS + "/" + job + "-")).map(p -> p.substring(NS.length() + 1))
                .sorted().toList();
    }
}
