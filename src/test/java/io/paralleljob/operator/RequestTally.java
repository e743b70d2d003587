package io.paralleljob.operator;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Counts the operator's API requests by verb and path shape as they happen, draining the mock
 * server's queue of recorded requests on its own thread: the mock keeps every request until it
 * is taken, so a run of ten thousand pods would otherwise hold hundreds of thousands of them (and
 * the benchmark would measure that heap, not the operator's). Requests whose user agent starts
 * with "test-" are the tests' own (kubelet, user, garbage collector) and are counted apart.
 */
final class RequestTally implements AutoCloseable {
    private final KubernetesServer server;
    private final Pattern jobName;
    private final Map<String, AtomicLong> operator = new ConcurrentHashMap<>();
    private final AtomicLong tests = new AtomicLong();
    /** Every request taken from the queue, counted or not: the queue is drained when this reaches the server's count. */
    private final AtomicLong taken = new AtomicLong();
    private final Thread drain;
    private volatile boolean open = true;

    /** @param jobName what a job's name looks like, so that "pods/cp-12-3-0" and "pods/cp-7-0-0" count as one shape */
    RequestTally(KubernetesServer server, Pattern jobName) throws InterruptedException {
        this.server = server;
        this.jobName = jobName;
        while (server.getKubernetesMockServer().takeRequest(10, TimeUnit.MILLISECONDS) != null) {
            taken.incrementAndGet(); // what the application's start-up asked is not the jobs' cost
        }
        drain = new Thread(this::drain, "request-tally");
        drain.setDaemon(true);
        drain.start();
    }

    private void drain() {
        while (open) {
            try {
                RecordedRequest r = server.getKubernetesMockServer().takeRequest(100, TimeUnit.MILLISECONDS);
                if (r == null) {
                    continue;
                }
                if (String.valueOf(r.getHeader("User-Agent")).startsWith("test-")) {
                    tests.incrementAndGet();
                } else {
                    operator.computeIfAbsent(r.getMethod() + " " + shape(r.getPath()), k -> new AtomicLong())
                            .incrementAndGet();
                }
                taken.incrementAndGet(); // after the count: a reader that sees it sees the count too
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** "/api/v1/namespaces/jobs/pods/cp-3-0-0/log?container=worker" -> "pods/NAME/log". */
    String shape(String path) {
        String p = path.replaceFirst("^/apis?/([^/]+/)?v1[a-z0-9]*/namespaces/[^/]+/", "");
        p = jobName.matcher(p).replaceAll("NAME");
        p = p.replaceAll("\\?.*watch=true.*", "?watch");
        p = p.replaceAll("\\?(pretty=false&)?container=worker", "");
        p = p.replaceAll("\\?fieldSelector=[^&]*", "?fieldSelector");
        p = p.replaceAll("\\?labelSelector=[^&]*", "?labelSelector");
        return p;
    }

    /**
     * What has been counted so far, once the queue is empty (bounded wait: the operator may go on
     * asking, as its watches do, and a benchmark must not hang on that).
     */
    Map<String, Long> operatorRequests() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.getKubernetesMockServer().getRequestCount() > taken.get() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        Map<String, Long> out = new TreeMap<>();
        operator.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    long testRequests() {
        return tests.get();
    }

    /** Starts counting afresh (the next phase's requests are not this one's). */
    Map<String, Long> reset() throws InterruptedException {
        Map<String, Long> so = operatorRequests();
        operator.clear();
        return so;
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        drain.join(1000);
    }
}
