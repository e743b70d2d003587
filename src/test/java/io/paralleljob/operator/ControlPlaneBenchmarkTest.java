package io.paralleljob.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The control plane under load: the real operator against the mock API server, with pods that
 * end at once with a valid report (the test kubelet's instant mode), so what is measured is the
 * operator's and the API server's work per job, not the workers'. JOBS jobs of PODS pods each are
 * created at once; the figures (throughput, create-to-first-pod latency, API requests per job by
 * verb, status writes, heap and RSS, per-job state left after the jobs are deleted) go to stdout
 * and target/control-plane-JOBSxPODS.txt.
 *
 * <p>In the normal suite it runs 20 jobs of 3 pods and asserts what a user would notice; {@code
 * -Dbench.jobs=1000 -Dbench.pods=10} (bench/control-plane.sh) makes it the benchmark, with the same
 * assertions. {@code -Dbench.keepPods=true} keeps finished pods (paralleljob.keep-finished-pods), so
 * the heap is measured with every pod still in the operator's cache.
 */
@QuarkusTest
@TestProfile(ControlPlaneBenchmarkTest.OwnApp.class)
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class ControlPlaneBenchmarkTest extends OperatorTestBase {
    static final int JOBS = Integer.getInteger("bench.jobs", 20);
    static final int PODS = Integer.getInteger("bench.pods", 3);
    static final int CREATORS = Integer.getInteger("bench.createThreads", 4);
    static final boolean KEEP_PODS = Boolean.getBoolean("bench.keepPods");
    /** How long the jobs may take to succeed; generous, so a slow machine reports instead of failing early. */
    static final long TIMEOUT_S = Long.getLong("bench.timeoutSeconds", Math.max(90, JOBS * PODS / 10L));

    /** Its own application, so no other test's jobs share the operator's caches or the mock's store. */
    public static class OwnApp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("paralleljob.keep-finished-pods", String.valueOf(KEEP_PODS));
        }
    }

    @Inject
    ParallelJobReconciler reconciler;

    @Test
    void jobsReachSucceededWithBoundedRequests() throws Exception {
        kubelet.instantPods("cp-", 0);
        Files.deleteIfExists(Path.of("target", "control-plane-" + JOBS + "x" + PODS + ".progress"));
        ThreadCpu cpu = new ThreadCpu();
        long heapBefore = MemoryProbe.heapAfterGc();
        Report report = new Report(JOBS, PODS, KEEP_PODS);
        try (RequestTally tally = new RequestTally(server, Pattern.compile("cp-[0-9]+[-a-z0-9]*"));
                JobClock clock = new JobClock(as("test-clock"), NS);
                StackSampler sampler = new StackSampler()) {
            cpu.mark();
            long gcBefore = gcMillis();
            long start = System.nanoTime();
            createAll(clock);
            long created = System.nanoTime();
            note(String.format("created %d jobs in %.1f s", JOBS, (created - start) / 1e9));
            waitFor("every job Succeeded", TIMEOUT_S, () -> clock.succeeded.get() == JOBS, clock);
            long lastSucceeded = clock.all().values().stream().mapToLong(m -> m.succeeded).max().orElseThrow();
            note(String.format("every job Succeeded %.1f s after the first create", (lastSucceeded - start) / 1e9));
            waitFor("every pod let go", 300, () -> released(clock), clock);
            Thread.sleep(1000); // what the last events still cause
            Map<String, Long> run = tally.reset();
            report.run(start, created, lastSucceeded, clock, run, tally.testRequests(), cpu.since());
            report.profile(sampler.shares(), gcMillis() - gcBefore, sampler.reconcilerThreads.size(),
                    cpu.since(sampler.reconcilerThreads));

            List<ParallelJob> jobs = user.resources(ParallelJob.class).inNamespace(NS).list().getItems();
            assertEquals(JOBS, jobs.size());
            List<String> incomplete = jobs.stream().filter(j -> !complete(j)).map(j -> j.getMetadata().getName()).toList();
            assertEquals(List.of(), incomplete, "jobs whose status lacks results");
            assertEquals(List.of(), clock.podsAddedTwice(), "pods created twice");
            assertEquals(JOBS * PODS, kubelet.started.size(), "pods the kubelet started");

            // The heap with every finished job (and, with keepPods, every pod) in the operator's caches.
            // A copy of the mock's store keeps the mock's share alive through the deletion below, so
            // that the heap after it tells the operator's share from the mock's.
            Map<?, String> store = new HashMap<>(MemoryProbe.mockStore(server));
            long heapFinished = MemoryProbe.heapAfterGc();
            report.memoryFinished(heapBefore, heapFinished, MemoryProbe.procStatusMib("VmRSS"),
                    MemoryProbe.procStatusMib("VmHWM"), store, MemoryProbe.mockExpectations(server),
                    MemoryProbe.operatorState(reconciler));

            note("deleting the jobs");
            deleteEverything(clock);
            Map<String, Integer> left = waitForOperatorToForget();
            report.deletion(tally.reset(), left);
            long heapDeletedStoreKept = MemoryProbe.heapAfterGc();
            int stored = store.size();
            store = null; // the mock's share of the finished state may go now
            long heapDeleted = MemoryProbe.heapAfterGc();
            report.memoryDeleted(heapDeletedStoreKept, heapDeleted, stored);

            report.write();
            assertRequestsBounded(run);
            assertEquals(Map.of(), perJob(left), "per-job state the operator keeps after its jobs are deleted");
        }
    }

    /**
     * Creates the jobs from {@link #CREATORS} threads, as several users or a CI system applying a
     * batch would: one thread's create round trips (each waits for the busy API server) would make
     * the creating, not the operator, the measured rate.
     */
    private void createAll(JobClock clock) throws InterruptedException {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(CREATORS);
        List<java.util.concurrent.Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            String name = "cp-" + i;
            creates.add(pool.submit(() -> {
                clock.creating(name);
                create(job(name, "CPUBound", PODS, PODS, "true"));
            }));
        }
        pool.shutdown();
        for (var f : creates) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new AssertionError("a create failed", e.getCause());
            }
        }
    }

    /**
     * Per job, the requests ApiRequestsTest pins down for a single job stay as they are at scale: one
     * create and one log read per pod, one or two finalizer releases, one delete per job, status in
     * bounded steps, no read before a write, no polling.
     */
    private static void assertRequestsBounded(Map<String, Long> calls) {
        long pods = (long) JOBS * PODS;
        assertEquals(pods, calls.getOrDefault("POST pods", 0L), "one create per pod: " + calls);
        assertEquals(pods, calls.getOrDefault("GET pods/NAME/log", 0L), "one log read per pod: " + calls);
        // A release pass may run on a cache from before the previous pass's finalizer patches (no
        // expectation is kept for those, as PodExpectations keeps for deletes) and send one again.
        long releases = calls.getOrDefault("PATCH pods/NAME", 0L);
        assertTrue(releases >= pods && releases <= 2 * pods, "a finalizer release or two per pod: " + calls);
        assertEquals(0, calls.getOrDefault("DELETE pods/NAME", 0L), "no pod deleted by name: " + calls);
        assertEquals(KEEP_PODS ? 0 : JOBS, calls.getOrDefault("DELETE pods?labelSelector", 0L),
                "each finished job's pods deleted in one request: " + calls);
        // The task ConfigMap, and one ledger chunk: a job's few results fit one.
        assertEquals(2L * JOBS, calls.getOrDefault("POST configmaps", 0L), "two ConfigMaps per job: " + calls);
        // The finalizer the framework adds, and the final record (FinalRecordStore).
        assertEquals(2L * JOBS, calls.getOrDefault("PATCH paralleljobs/NAME", 0L), "two job patches per job: " + calls);
        assertEquals(0, calls.getOrDefault("GET pods/NAME", 0L), "a patch or delete needs no read first: " + calls);
        assertEquals(0, calls.getOrDefault("GET paralleljobs/NAME", 0L), "jobs come from the informer: " + calls);
        assertTrue(calls.keySet().stream().noneMatch(k -> k.startsWith("GET pods?label")), "no pod lists: " + calls);
        long statusWrites = Report.statusWrites(calls);
        assertTrue(statusWrites >= 2L * JOBS && statusWrites <= (PODS + 5L) * JOBS, "status writes: " + calls);
        assertTrue(calls.getOrDefault("POST events", 0L) <= 5L * JOBS, "events are told once each: " + calls);
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private boolean complete(ParallelJob j) {
        var s = j.getStatus();
        return s != null && "Succeeded".equals(s.getPhase()) && s.getItems().getSucceeded() == PODS
                && s.getResults().size() == PODS && s.getResults().stream().mapToInt(ItemResult::getExitCode).allMatch(c -> c == 0);
    }

    /** Every pod deleted, or (keepPods) every pod without the operator's finalizer. */
    private static boolean released(JobClock clock) {
        if (!KEEP_PODS) {
            return clock.podsDeleted.get() == JOBS * PODS;
        }
        // From the watch: a list of ten thousand pods polled in a loop made the mock server answer the
        // operator's patches after more than 10 s (timeouts, retried).
        return clock.podsReleased() == JOBS * PODS;
    }

    /**
     * Deletes every job, then plays the garbage collector, which the mock server lacks: the jobs' task
     * ConfigMaps (and, with keepPods, pods) go once their owner is gone.
     */
    private void deleteEverything(JobClock clock) throws InterruptedException {
        for (int i = 0; i < JOBS; i++) {
            user.resources(ParallelJob.class).inNamespace(NS).withName("cp-" + i).delete();
        }
        waitFor("every job gone", 300, () -> clock.deleted.get() == JOBS, clock);
        try (KubernetesClient gc = as("test-gc")) {
            gc.configMaps().inNamespace(NS).withLabel(Labels.JOB).delete();
            List<Pod> left = gc.pods().inNamespace(NS).withLabel(Labels.JOB).list().getItems();
            left.forEach(p -> gc.pods().inNamespace(NS).resource(p).delete());
        }
    }

    /** Waits (30 s at most) for the operator's per-job maps to empty; returns what they hold then. */
    private Map<String, Integer> waitForOperatorToForget() throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Integer> state = MemoryProbe.operatorState(reconciler);
        while (!perJob(state).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(200);
            state = MemoryProbe.operatorState(reconciler);
        }
        Thread.sleep(1000);
        return MemoryProbe.operatorState(reconciler);
    }

    /**
     * The operator's non-empty maps but one: sent deletes are remembered by pod UID and lapse after
     * 30 s, lazily, at the next delete (PodExpectations.firstDelete), so they are bounded by the pods
     * deleted in the last 30 s, not kept per job; the report shows them.
     */
    private static Map<String, Integer> perJob(Map<String, Integer> state) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        state.forEach((k, v) -> {
            if (v > 0 && !k.equals("PodExpectations.deletesSent")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Waits, saying every 10 s how far the run got (a benchmark of minutes must show it is alive). */
    private void waitFor(String what, long seconds, BooleanSupplier done, JobClock clock) throws InterruptedException {
        long begin = System.nanoTime();
        long until = begin + TimeUnit.SECONDS.toNanos(seconds);
        long nextNote = begin + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + ": not within " + seconds + " s; " + progress(clock)
                        + "; kubelet failures " + kubelet.failures.stream().limit(10).toList());
            }
            if (System.nanoTime() > nextNote) {
                note(String.format("waiting for %s, %d s: %s", what,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin), progress(clock)));
                nextNote += TimeUnit.SECONDS.toNanos(10);
            }
            Thread.sleep(50);
        }
    }

    /**
     * A progress line to stdout and to target/control-plane-JOBSxPODS.progress, which the script
     * follows: in runs of minutes, Maven showed the forked JVM's stdout late or not at all.
     */
    private static void note(String line) {
        System.out.println("bench: " + line);
        try {
            Files.writeString(Path.of("target", "control-plane-" + JOBS + "x" + PODS + ".progress"), line + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the note is on stdout still
        }
    }

    private String progress(JobClock clock) {
        return String.format("%d/%d jobs Succeeded, %d pods created, %d deleted, %d started by the kubelet, "
                + "%d jobs deleted, RSS %.0f MiB", clock.succeeded.get(), JOBS, clock.podsAdded.get(),
                clock.podsDeleted.get(), kubelet.started.size(), clock.deleted.get(), MemoryProbe.procStatusMib("VmRSS"));
    }

    /** Written to keep the figures in one place; its lines are what bench/control-plane.sh prints. */
    static final class Report {
        private final List<String> lines = new ArrayList<>();
        private final int jobs;
        private final int pods;

        Report(int jobs, int pods, boolean keepPods) {
            this.jobs = jobs;
            this.pods = pods;
            lines.add(String.format("control plane: %d jobs x %d pods (CPUBound, parallelism %d, %d items), instant pods%s",
                    jobs, pods, pods, pods, keepPods ? ", finished pods kept" : ""));
        }

        void run(long start, long created, long lastSucceeded, JobClock clock, Map<String, Long> calls, long testRequests,
                Map<String, Double> cpuSeconds) {
            double wall = (lastSucceeded - start) / 1e9;
            line("wall, first create to last Succeeded: %.1f s (creating the %d jobs from %d threads took %.1f s)", wall,
                    jobs, CREATORS, (created - start) / 1e9);
            line("throughput: %.1f jobs/s, %.0f pods/min to Succeeded", jobs / wall, jobs * pods / wall * 60);
            List<Long> firstPod = new ArrayList<>();
            List<Long> toSucceeded = new ArrayList<>();
            clock.all().values().forEach(m -> {
                firstPod.add(m.firstPod - m.created);
                toSucceeded.add(m.succeeded - m.created);
            });
            line("create -> first pod: %s", percentiles(firstPod));
            line("create -> Succeeded: %s", percentiles(toSucceeded));
            long total = calls.values().stream().mapToLong(Long::longValue).sum();
            long writes = calls.entrySet().stream().filter(e -> !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue)
                    .sum();
            line("operator API requests: %d (%.2f per job), writes %d (%.2f per job; target <= pods + 4 = %d), "
                    + "status writes %.2f per job", total, total / (double) jobs, writes, writes / (double) jobs, pods + 4,
                    statusWrites(calls) / (double) jobs);
            line("the tests' own requests (kubelet, user, watches): %d", testRequests);
            line("operator requests per job, by verb and path:");
            calls.forEach((k, v) -> line("  %8.2f  %-40s (%d)", v / (double) jobs, k, v));
            line("CPU seconds by thread group over the run (threads that ended are missing):");
            cpuSeconds.forEach((k, v) -> line("  %8.1f  %s", v, k));
        }

        void profile(Map<String, String> shares, long gcMillis, int reconcilers, double reconcilerCpu) {
            line("where the on-CPU time went (stack samples every 100 ms, by who the thread works for):");
            shares.forEach((k, v) -> line("  %8s  %s", v, k));
            line("GC: %.1f s of collection time over the run", gcMillis / 1000.0);
            line("the operator's %d reconciler threads used %.1f s of CPU: %.0f ms a job (the informers' and the "
                    + "HTTP client's event loops not included)", reconcilers, reconcilerCpu, reconcilerCpu * 1000 / jobs);
        }

        static long statusWrites(Map<String, Long> calls) {
            return calls.entrySet().stream().filter(e -> e.getKey().endsWith("paralleljobs/NAME/status")
                    && !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum();
        }

        void memoryFinished(long before, long finished, double rss, double peakRss, Map<?, String> store,
                int expectations, Map<String, Integer> operatorState) {
            long json = store.values().stream().mapToLong(String::length).sum();
            line("heap after GC: %.1f MiB before the jobs, %.1f MiB with every job finished (test JVM: operator, "
                    + "mock server, kubelet)", MemoryProbe.mib(before), MemoryProbe.mib(finished));
            line("RSS of the test JVM: %.0f MiB now, %.0f MiB peak (operator, mock API server and test kubelet together)",
                    rss, peakRss);
            line("mock server: %d objects stored (%.1f MiB of JSON), %d canned answers (the kubelet's log replies)",
                    store.size(), MemoryProbe.mib(json), expectations);
            line("operator maps with every job finished: %s", operatorState);
            finishedHeap = finished;
        }

        private long finishedHeap;

        void deletion(Map<String, Long> calls, Map<String, Integer> left) {
            line("deleting the jobs cost the operator %s", calls);
            line("operator maps after every job was deleted: %s", left);
        }

        void memoryDeleted(long storeKept, long deleted, int stored) {
            line("heap after GC once the jobs were deleted: %.1f MiB with the mock's %d stored objects still "
                    + "held, %.1f MiB without", MemoryProbe.mib(storeKept), stored, MemoryProbe.mib(deleted));
            line("so the operator's share of the finished state was about %.1f MiB and the mock store's %.1f MiB",
                    MemoryProbe.mib(finishedHeap - storeKept), MemoryProbe.mib(storeKept - deleted));
        }

        private static String percentiles(List<Long> nanos) {
            List<Long> sorted = nanos.stream().sorted().toList();
            return String.format("p50 %d ms, p95 %d ms, max %d ms", at(sorted, 0.50), at(sorted, 0.95),
                    sorted.get(sorted.size() - 1) / 1_000_000);
        }

        private static long at(List<Long> sorted, double q) {
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1_000_000;
        }

        private void line(String format, Object... args) {
            lines.add(String.format(format, args));
        }

        void write() throws java.io.IOException {
            String text = String.join("\n", lines) + "\n";
            System.out.print(text.lines().map(l -> "bench: " + l + "\n").reduce("", String::concat));
            Files.writeString(Path.of("target", "control-plane-" + jobs + "x" + pods + ".txt"), text);
        }
    }
}
