package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ItemRange;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.model.LedgerChunk;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's "operator SIGKILLed mid-job and restarted", as a cluster has it: the packaged
 * operator runs as its own process (production profile, leader election on) against the mock API
 * server, is killed with SIGKILL while half of a job's pods are still running, and a second
 * operator process takes over once the first one's Lease has expired. Nothing of the first one's
 * memory survives; the job must still end with every item's result exactly once, no pod created
 * twice and no result finalizer left.
 */
class OperatorProcessKillIT {
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final String NS = OperatorTestBase.NS;
    static final int ITEMS = 400;

    @Test
    void aKilledOperatorProcessLosesNoResultAndCreatesNoPodTwice() throws Exception {
        KubernetesServer server = new KubernetesServer(false, true, java.net.InetAddress.getLoopbackAddress(), 0,
                List.of());
        server.before();
        Process first = null;
        Process second = null;
        try (KubernetesClient user = server.getClient()) {
            new InstallCrdAndAnswerAccessReview().accept(server);
            try (TestKubelet kubelet = new TestKubelet(user, server, NS)) {
                kubelet.instantPods("sigkill-", 0);
                kubelet.holdPods("sigkill-2-", "sigkill-3-"); // half the shards stay Running
                first = operator(server, "operator-1");
                user.resource(job()).create();
                // Killed once the first half's results are in the ledger and those pods let go.
                await().atMost(Duration.ofSeconds(90)).until(() -> !chunks(user).isEmpty()
                        && pods(user).size() == 4 && released(user) >= 2);
                assertEquals("Running", user.resources(ParallelJob.class).inNamespace(NS).withName("sigkill").get()
                        .getStatus().getPhase(), "killed mid-job");
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
                assertTrue(first.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
                kubelet.releaseHeld(); // the other half ends while no operator runs

                second = operator(server, "operator-2");
                ParallelJob done = await().atMost(Duration.ofSeconds(90)).until(() -> user.resources(ParallelJob.class)
                        .inNamespace(NS).withName("sigkill").get(), j -> j.getStatus() != null
                                && "Succeeded".equals(j.getStatus().getPhase()));

                int[] seen = new int[ITEMS];
                for (ConfigMap cm : chunks(user)) {
                    LedgerChunk.decode(Base64.getDecoder().decode(cm.getBinaryData().get(LedgerChunk.KEY)),
                            r -> seen[r.index()]++);
                }
                for (int i = 0; i < ITEMS; i++) {
                    assertEquals(1, seen[i], "item " + i + " is in the ledger exactly once");
                }
                assertEquals((long) ITEMS, done.getStatus().getResultsRef().getRecorded());
                assertEquals(List.of("sigkill-0-0", "sigkill-1-0", "sigkill-2-0", "sigkill-3-0"), kubelet.started
                        .stream().map(p -> p.substring(NS.length() + 1)).sorted().toList(), "each pod started once");
                await().atMost(Duration.ofSeconds(30)).until(() -> pods(user).stream().allMatch(p -> p.getMetadata()
                        .getFinalizers() == null || p.getMetadata().getFinalizers().isEmpty()));
            }
        } finally {
            for (Process p : new Process[] {first, second}) {
                if (p != null) {
                    p.destroyForcibly();
                }
            }
            server.after();
        }
    }

    private static Process operator(KubernetesServer server, String identity) throws Exception {
        Path log = Files.createTempFile(identity, ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "operator").redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.remove("KUBECONFIG");
        env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", server.getClient().getConfiguration().getMasterUrl());
        env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("PARALLELJOB_LEADER_ELECTION_LEASE_NAMESPACE", WithLeaderElection.LEASE_NAMESPACE);
        env.put("PARALLELJOB_LEADER_ELECTION_IDENTITY", identity);
        env.put("PARALLELJOB_LEADER_ELECTION_LEASE_DURATION_SECONDS", "4");
        env.put("PARALLELJOB_LEADER_ELECTION_RENEW_DEADLINE_SECONDS", "3");
        env.put("PARALLELJOB_LEADER_ELECTION_RETRY_PERIOD_MILLIS", "500");
        System.out.println(identity + " logs to " + log);
        return pb.start();
    }

    private static ParallelJob job() {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName("sigkill").withNamespace(NS).build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setWorkload("CPUBound");
        spec.setParallelism(4);
        spec.setRange(new ItemRange(0L, (long) ITEMS));
        WorkerTemplate t = new WorkerTemplate();
        t.setImage("python:3.12-slim");
        t.setCommand(List.of("true"));
        spec.setTemplate(t);
        job.setSpec(spec);
        return job;
    }

    private static List<io.fabric8.kubernetes.api.model.Pod> pods(KubernetesClient c) {
        return c.pods().inNamespace(NS).withLabel(Labels.JOB, "sigkill").list()
                .getItems();
    }

    /** Pods whose results the operator recorded and whose finalizer it removed. */
    private static long released(KubernetesClient c) {
        return pods(c).stream().filter(p -> "Succeeded".equals(p.getStatus().getPhase()) && (p.getMetadata()
                .getFinalizers() == null || p.getMetadata().getFinalizers().isEmpty())).count();
    }

    private static List<ConfigMap> chunks(KubernetesClient c) {
        return new ArrayList<>(c.configMaps().inNamespace(NS).withLabel(LedgerChunk.LABEL, "sigkill").list().getItems());
    }
}
