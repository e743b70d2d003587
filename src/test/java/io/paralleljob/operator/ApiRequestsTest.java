package io.paralleljob.operator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Counts the API requests the operator makes for one job, from apply to pods released: the cost
 * an operator puts on a shared API server. Writes the tally to target/api-requests-*.txt and
 * fails if the operator polls (lists pods) or creates more pods than the job needs.
 */
@QuarkusTest
@TestProfile(ApiRequestsTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class ApiRequestsTest extends OperatorTestBase {
    public static class OwnApp implements QuarkusTestProfile {
    }

    @jakarta.inject.Inject
    ParallelJobReconciler reconciler;

    /** From create to Succeeded, as the test saw it, of the job last counted. */
    private long lastRunMillis;

    @Test
    void threadsJobOfTenItems() throws Exception {
        Map<String, Integer> calls = countOperatorCalls("threads10", "IOBound", 4);
        assertEquals(1, calls.getOrDefault("POST pods", 0));
        assertEquals(1, calls.getOrDefault("GET pods/NAME/log", 0));
        assertWritesBounded(calls, 1);
    }

    @Test
    void podsJobOfTenPods() throws Exception {
        Map<String, Integer> calls = countOperatorCalls("pods10", "CPUBound", 10);
        assertEquals(10, calls.getOrDefault("POST pods", 0));
        assertEquals(10, calls.getOrDefault("GET pods/NAME/log", 0));
        assertEquals(0, calls.getOrDefault("GET pods/NAME/log&follow=true", 0), "one-item pods are not followed");
        assertWritesBounded(calls, 10);
        // Finished and released: the operator keeps nothing of it (the pods' deletion has been sent).
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> reconciler.remembered().values().stream()
                    .allMatch(n -> n == 0));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("per-job state left after the job finished: " + reconciler.remembered(), e);
        }
    }

    /**
     * Every verb counts: no read before a write, each pod released once, all deleted in one
     * request, status written at each phase change and otherwise at most once a second.
     */
    private void assertWritesBounded(Map<String, Integer> calls, int pods) {
        assertEquals(0, calls.getOrDefault("GET pods/NAME", 0), "a patch or delete needs no read first: " + calls);
        assertEquals(0, calls.getOrDefault("GET paralleljobs/NAME", 0), "the job comes from the informer: " + calls);
        assertEquals(pods, calls.getOrDefault("PATCH pods/NAME", 0), "one finalizer release per pod: " + calls);
        assertEquals(0, calls.getOrDefault("DELETE pods/NAME", 0), "no pod deleted by name: " + calls);
        assertEquals(1, calls.getOrDefault("DELETE pods?labelSelector=paralleljob.io%2Fjob%3DNAME", 0),
                "the finished job's pods deleted in one request: " + calls);
        int statusWrites = calls.getOrDefault("PUT paralleljobs/NAME/status", 0);
        // Pending, Running and the final status, and progress in between at most once a second.
        long runningSeconds = (lastRunMillis + 999) / 1000;
        assertTrue(statusWrites >= 2 && statusWrites <= 3 + runningSeconds,
                "status writes: " + statusWrites + " for a job that ran " + lastRunMillis + " ms, in " + calls);
        assertTrue(calls.getOrDefault("POST events", 0) <= 5, "events are told once each: " + calls);
    }

    private Map<String, Integer> countOperatorCalls(String name, String workload, int parallelism) throws Exception {
        drain();
        long t0 = System.nanoTime();
        create(job(name, workload, parallelism, 10, "sh", "-c", "echo $PJ_ITEM"));
        awaitPhase(name, "Succeeded");
        lastRunMillis = (System.nanoTime() - t0) / 1_000_000;
        await().atMost(Duration.ofSeconds(20)).until(() -> pods(name).stream().allMatch(
                p -> p.getMetadata().getFinalizers() == null || p.getMetadata().getFinalizers().isEmpty()));
        Thread.sleep(500);
        Map<String, Integer> calls = new TreeMap<>();
        for (RecordedRequest r; (r = server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
            String agent = String.valueOf(r.getHeader("User-Agent"));
            if (agent.startsWith("test-")) {
                continue;
            }
            calls.merge(r.getMethod() + " " + shape(r.getPath(), name), 1, Integer::sum);
        }
        StringBuilder table = new StringBuilder("API requests by the operator for " + workload + " job '" + name
                + "' (10 items, parallelism " + parallelism + "), apply to pods released:\n");
        calls.forEach((k, v) -> table.append(String.format("%4d  %s%n", v, k)));
        table.append(String.format("%4d  total%n", calls.values().stream().mapToInt(Integer::intValue).sum()));
        System.out.println(table);
        Files.writeString(Path.of("target", "api-requests-" + name + ".txt"), table);
        // The only pod lists are the client's own check before it opens a log stream.
        assertEquals(calls.getOrDefault("GET pods/NAME/log&follow=true", 0), calls.getOrDefault("GET pods?fieldSelector", 0),
                "the operator reads pods from its informer, never by listing: " + calls);
        assertTrue(calls.keySet().stream().noneMatch(k -> k.startsWith("GET pods?label")), calls.toString());
        return calls;
    }

    /** "/api/v1/namespaces/jobs/pods/x-0-0/log?..." -> "pods/NAME/log". */
    private static String shape(String path, String name) {
        String p = path.replaceFirst("^/apis?/([^/]+/)?v1[a-z0-9]*/namespaces/[^/]+/", "");
        p = p.replaceAll(name + "[-a-z0-9]*", "NAME");
        p = p.replaceAll("\\?.*watch=true.*", "?watch");
        p = p.replaceAll("\\?(pretty=false&)?container=worker", "");
        p = p.replaceAll("\\?fieldSelector=[^&]*", "?fieldSelector");
        return p;
    }

    private void drain() throws InterruptedException {
        while (server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            // discard what happened before the job
        }
    }
}
