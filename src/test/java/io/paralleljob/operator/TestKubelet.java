package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.paralleljob.operator.pods.WorkerPodFactory;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Does what a kubelet would for worker pods on the mock API server, which runs no pods: watches
 * pods, runs each pod's runner (the real worker entry point) as a local process with the pod's
 * environment, arguments and mounted task file, then writes the pod's status back (phase, the
 * worker container's terminated state with exit code and termination message) and serves its log.
 * Tests also use it to play the cluster's failures: kill a container, evict a pod. Where the
 * machine allows it, a container's resources.limits.cpu is enforced as a kubelet would, with a
 * CPU cgroup ({@link PodCpuLimits}).
 */
public final class TestKubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final KubernetesServer server;
    private final Path root;
    private final Map<String, Process> running = new ConcurrentHashMap<>();
    private final Map<String, String> forcedEnd = new ConcurrentHashMap<>();
    private final Map<String, Path> logs = new ConcurrentHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Watch watch;
    /** What went wrong in this kubelet itself (not in a pod): a test that times out says it. */
    public final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Every pod name this kubelet ever started: a pod started twice would show up here twice. */
    public final List<String> started = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Pods are told apart by UID, as a kubelet does: a job re-created under the same name reuses pod names. */
    private final java.util.Set<String> startedUids = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> servedLogs = ConcurrentHashMap.newKeySet();
    private final PodCpuLimits cpuLimits = new PodCpuLimits();

    public TestKubelet(KubernetesClient client, KubernetesServer server, String namespace) throws IOException {
        this.client = client;
        this.server = server;
        this.root = Files.createTempDirectory("test-kubelet");
        this.watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                onPod(action, pod);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private void onPod(Watcher.Action action, Pod pod) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        boolean notStarted = pod.getStatus() == null || pod.getStatus().getPhase() == null;
        if (action == Watcher.Action.ADDED && notStarted && kueueWebhook && queued(pod)
                && gatedUids.add(pod.getMetadata().getUid())) {
            threads.submit(() -> gate(pod));
        } else if (notStarted && (action == Watcher.Action.ADDED || action == Watcher.Action.MODIFIED
                && pod.getMetadata().getDeletionTimestamp() == null) && !gated(pod)
                && (!kueueWebhook || !queued(pod) || gatedUids.contains(pod.getMetadata().getUid()))) {
            // A scheduling-gated pod is not scheduled, so no kubelet runs it until its gates are gone.
            if (startedUids.add(pod.getMetadata().getUid())) {
                started.add(key);
                threads.submit(() -> runPod(pod));
            }
        } else if ((pod.getMetadata().getDeletionTimestamp() != null || action == Watcher.Action.DELETED)
                && running.containsKey(key)) {
            end(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), "deleted");
        }
    }

    private volatile boolean kueueWebhook;
    private final java.util.Set<String> gatedUids = ConcurrentHashMap.newKeySet();

    /**
     * From now on, plays Kueue's pod webhook as well: a new pod labelled kueue.x-k8s.io/queue-name
     * gets the scheduling gate kueue.x-k8s.io/admission and Kueue's finalizer (which keeps a group's
     * pods until Kueue has accounted for them). The mock server has no webhooks, so the gate comes a
     * moment after the create instead of with it.
     */
    public void playKueueWebhook() {
        kueueWebhook = true;
    }

    /** What Kueue does when it admits a pod group: removes its scheduling gate from the pod. */
    public void admit(String namespace, String pod) {
        retried(pod + ": admit", () -> client.pods().inNamespace(namespace).withName(pod).edit(p -> {
            p.getSpec().setSchedulingGates(p.getSpec().getSchedulingGates().stream()
                    .filter(g -> !g.getName().equals(KUEUE_GATE)).toList());
            return p;
        }));
    }

    static final String KUEUE_GATE = "kueue.x-k8s.io/admission";
    static final String KUEUE_FINALIZER = "kueue.x-k8s.io/managed";

    private static boolean queued(Pod pod) {
        return pod.getMetadata().getLabels() != null
                && pod.getMetadata().getLabels().containsKey("kueue.x-k8s.io/queue-name");
    }

    private static boolean gated(Pod pod) {
        return pod.getSpec().getSchedulingGates() != null && !pod.getSpec().getSchedulingGates().isEmpty();
    }

    private void gate(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> {
                        List<io.fabric8.kubernetes.api.model.PodSchedulingGate> gates = new ArrayList<>(
                                p.getSpec().getSchedulingGates() == null ? List.of() : p.getSpec().getSchedulingGates());
                        gates.add(new io.fabric8.kubernetes.api.model.PodSchedulingGate(KUEUE_GATE));
                        p.getSpec().setSchedulingGates(gates);
                        p.getMetadata().getFinalizers().add(KUEUE_FINALIZER);
                        return p;
                    });
        } catch (RuntimeException e) {
            failures.add(pod.getMetadata().getName() + ": could not gate: " + e);
        }
    }

    /**
     * What Kueue does once it has accounted for a finished group: lets go of its pods. Each removal
     * is retried: the operator releases its own finalizer from the same pods at the same time (a 409
     * here), and the mock server has once left this PATCH unanswered past the client's 10 s.
     */
    public void releaseKueueFinalizers(String namespace) {
        for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
            if (p.getMetadata().getFinalizers() != null && p.getMetadata().getFinalizers().contains(KUEUE_FINALIZER)) {
                retried(p.getMetadata().getName() + ": release", () -> client.pods().inNamespace(namespace)
                        .withName(p.getMetadata().getName()).edit(x -> {
                            x.getMetadata().getFinalizers().remove(KUEUE_FINALIZER);
                            return x;
                        }));
            }
        }
    }

    private void retried(String what, Runnable call) {
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return; // gone: nothing left to release
                }
                if (attempt == 5) {
                    throw e;
                }
                failures.add(what + " attempt " + attempt + " failed, retrying: " + e.getMessage());
            }
        }
    }

    /** From now on, every pod whose name starts with {@code prefix} is OOM-killed once its log has {@code lines} lines. */
    public void oomKillAfter(String prefix, int lines) {
        killRules.put(prefix, lines);
    }

    private final Map<String, Integer> killRules = new ConcurrentHashMap<>();

    private void applyKillRules(String ns, String name, Process process) {
        killRules.forEach((prefix, lines) -> {
            if (name.startsWith(prefix)) {
                threads.submit(() -> {
                    while (process.isAlive()) {
                        if (logLines(ns, name) >= lines) {
                            oomKill(ns, name);
                            return;
                        }
                        sleep(20);
                    }
                });
            }
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (bounded) until the pod exists and its runner has logged at least {@code lines} lines. */
    public void awaitLogLines(String ns, String pod, int lines) {
        long until = System.currentTimeMillis() + 30_000;
        while (logLines(ns, pod) < lines) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError(pod + " never logged " + lines + " lines");
            }
            sleep(20);
        }
    }

    /** Kills the pod's container as the OOM killer would (exit 137, reason OOMKilled). */
    public void oomKill(String namespace, String pod) {
        end(namespace, pod, "oom");
    }

    /** Evicts the pod: container stopped, pod Failed with reason Evicted and a DisruptionTarget condition. */
    public void evict(String namespace, String pod) {
        end(namespace, pod, "evict");
    }

    private void end(String namespace, String pod, String how) {
        String key = namespace + "/" + pod;
        forcedEnd.put(key, how);
        Process p = running.get(key);
        if (p == null) {
            return;
        }
        // As a node does it: the OOM killer SIGKILLs the runner (the biggest process); eviction and
        // deletion send SIGTERM, then SIGKILL after a grace period. The runner goes before its items:
        // items killed first could be reported by a still-living runner as failed items (exit 137).
        List<ProcessHandle> items = p.descendants().toList();
        if (how.equals("oom")) {
            p.destroyForcibly();
            items.forEach(ProcessHandle::destroyForcibly);
            return;
        }
        p.destroy();
        threads.submit(() -> {
            try {
                p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            p.destroyForcibly();
            items.forEach(ProcessHandle::destroyForcibly);
        });
    }

    /** Lines the pod's runner has written to its log so far. */
    public long logLines(String namespace, String pod) {
        Path log = logs.get(namespace + "/" + pod);
        try {
            return log == null || !Files.exists(log) ? 0 : Files.readAllLines(log).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * From now on, pods whose name starts with {@code prefix} run no process: the kubelet writes
     * the log their runner would (a result line per assigned item, exit 0 where the item, read as a
     * number, is not a multiple of {@code failEvery}, then the closing line) and ends them at once.
     * For jobs of a hundred thousand items, whose processes would take minutes to start.
     */
    public void instantPods(String prefix, int failEvery) {
        instant.put(prefix, failEvery);
    }

    private final Map<String, Integer> instant = new ConcurrentHashMap<>();

    private Integer instantRule(String name) {
        return instant.entrySet().stream().filter(e -> name.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Instant pods whose name starts with one of these wait, Running, until {@link #releaseHeld()}. */
    public void holdPods(String... prefixes) {
        held.addAll(List.of(prefixes));
    }

    public void releaseHeld() {
        held.clear();
        release.countDown();
    }

    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    private void runInstantly(Pod pod, Path dir, Path log, int failEvery) throws IOException, InterruptedException {
        if (held.stream().anyMatch(pod.getMetadata().getName()::startsWith)) {
            setStatus(pod, "Running", null, now(), null, null);
            release.await();
        }
        mountTask(pod, dir);
        var task = io.paralleljob.model.ReportLine.JSON.readValue(dir.resolve("task.json").toFile(),
                io.paralleljob.model.PodTask.class);
        List<String> args = new ArrayList<>();
        for (String a : pod.getSpec().getContainers().get(0).getArgs()) {
            args.add(a.replace(WorkerPodFactory.TASK_DIR, dir.toString()));
        }
        int runnerArgs = args.indexOf("--task");
        var parsed = io.paralleljob.plan.RunnerArgs.parse(args.subList(runnerArgs, args.size()));
        var items = io.paralleljob.plan.WorkItems.from(task);
        String startedAt = now();
        long start = System.currentTimeMillis();
        int failed = 0;
        List<Integer> mine = parsed.indexes(task.total(), task.runOnlyIndexes());
        try (var out = Files.newBufferedWriter(log)) {
            for (int i : mine) {
                String item = items.get(i);
                boolean fails = failEvery > 0 && Long.parseLong(item) % failEvery == 0;
                failed += fails ? 1 : 0;
                var run = new io.paralleljob.model.ItemRun(i, item, fails ? 1 : 0, "out " + item,
                        fails ? "failed " + item : null, null, start, 1, 0L, 1, parsed.itemShard(), 0L);
                out.write(new io.paralleljob.model.ReportLine(run, null).toJson());
                out.write('\n');
            }
            out.write(new io.paralleljob.model.ReportLine(null, new io.paralleljob.model.ReportLine.ShardDone(
                    parsed.shard(), mine.size(), failed)).toJson());
            out.write('\n');
        }
        serveLogs(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        setStatus(pod, "Succeeded", new Terminated(0, "Completed", ""), startedAt, now(), null);
    }

    private void runPod(Pod pod) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String key = ns + "/" + name;
        try {
            Integer failEvery = instantRule(name);
            if (failEvery != null) {
                Path dir = Files.createDirectories(root.resolve(ns).resolve(name + "-" + pod.getMetadata().getUid()));
                logs.put(key, dir.resolve("log"));
                runInstantly(pod, dir, dir.resolve("log"), failEvery);
                return;
            }
            Path dir = Files.createDirectories(root.resolve(ns).resolve(name + "-" + pod.getMetadata().getUid()));
            Path log = dir.resolve("log");
            Path terminationLog = dir.resolve("termination-log");
            logs.put(key, log);
            Container c = pod.getSpec().getContainers().get(0);
            mountTask(pod, dir);
            List<String> cmd = localCommand(c, dir, terminationLog);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(log.toFile())
                    .redirectError(dir.resolve("stderr").toFile());
            if (c.getEnv() != null) {
                for (EnvVar e : c.getEnv()) {
                    pb.environment().put(e.getName(), e.getValue() == null ? "" : e.getValue());
                }
            }
            if (c.getWorkingDir() != null) {
                pb.directory(new java.io.File(c.getWorkingDir()));
            }
            String startedAt = now();
            serveLogs(ns, name);
            Process process = pb.start();
            Double cpuLimit = PodCpuLimits.limitOf(c);
            Path cgroup = cpuLimit == null ? null : cpuLimits.limit(key, cpuLimit, process);
            running.put(key, process);
            applyKillRules(ns, name, process);
            setStatus(pod, "Running", null, startedAt, null, null);
            int exit;
            try {
                exit = process.waitFor();
            } finally {
                cpuLimits.release(cgroup);
            }
            running.remove(key, process);
            String how = forcedEnd.remove(key);
            String message = Files.exists(terminationLog) ? Files.readString(terminationLog) : "";
            Terminated t = how == null ? new Terminated(exit, exit == 0 ? "Completed" : "Error", message)
                    : switch (how) {
                        case "oom" -> new Terminated(137, "OOMKilled", message);
                        case "evict", "deleted" -> new Terminated(143, "Error", message);
                        default -> throw new IllegalStateException(how);
                    };
            setStatus(pod, t.exitCode == 0 ? "Succeeded" : "Failed", t, startedAt, now(), how);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed by the test's end
        } catch (Exception e) {
            e.printStackTrace();
            failures.add(key + ": " + e);
        }
    }

    private record Terminated(int exitCode, String reason, String message) {
    }

    /** What the kubelet's volume mounts do: the task ConfigMap's files appear under the mount path. */
    private void mountTask(Pod pod, Path dir) throws IOException {
        String cmName = pod.getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null).findFirst()
                .orElseThrow().getConfigMap().getName();
        ConfigMap cm = client.configMaps().inNamespace(pod.getMetadata().getNamespace()).withName(cmName).get();
        for (var e : cm.getData().entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /**
     * The pod's command with the runner copied in by the init container replaced by this JVM and
     * its class path. The bundled loader in front of the runtime is dropped: this JVM runs on the
     * machine's own libc (RunnerDistIT and AnyImageIT run the bundled one).
     */
    private static List<String> localCommand(Container c, Path dir, Path terminationLog) {
        List<String> cmd = new ArrayList<>();
        List<String> command = c.getCommand();
        int java = command.indexOf(WorkerPodFactory.RUNNER_JAVA);
        for (String part : command.subList(java, command.size())) {
            if (part.equals(WorkerPodFactory.RUNNER_JAVA)) {
                cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            } else if (part.equals(WorkerPodFactory.RUNNER_CLASSPATH)) {
                cmd.add(System.getProperty("java.class.path"));
            } else {
                cmd.add(part);
            }
        }
        for (String arg : c.getArgs()) {
            cmd.add(arg.replace(WorkerPodFactory.TASK_DIR, dir.toString())
                    .replace(WorkerPodFactory.TERMINATION_LOG, terminationLog.toString()));
        }
        return cmd;
    }

    /**
     * The log subresource: what the pod now bearing this name has written so far. A real kubelet
     * streams `kubectl logs -f`; the mock server can only answer with what the log holds when
     * asked, and the operator's follower reopens the stream.
     */
    private void serveLogs(String ns, String name) {
        if (!servedLogs.add(ns + "/" + name)) {
            return;
        }
        String base = "/api/v1/namespaces/" + ns + "/pods/" + name + "/log?";
        for (String path : List.of(base + "container=" + WorkerPodFactory.WORKER_CONTAINER,
                base + "pretty=false&container=" + WorkerPodFactory.WORKER_CONTAINER + "&follow=true")) {
            // The mock server keeps expectations in a plain HashMap: pods starting at the same moment
            // must not add theirs at once (a ConcurrentModificationException left a pod never run).
            synchronized (server) {
                server.expect().get().withPath(path).andReply(200, request -> {
                    Path log = logs.get(ns + "/" + name);
                    try {
                        return log != null && Files.exists(log) ? Files.readString(log) : "";
                    } catch (IOException e) {
                        return "";
                    }
                }).always();
            }
        }
    }

    private void setStatus(Pod pod, String phase, Terminated t, String startedAt, String finishedAt, String how) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        for (int attempt = 0; attempt < 5; attempt++) {
            Pod current = client.pods().inNamespace(ns).withName(name).get();
            if (current == null || !current.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                return; // gone, or another pod of the same name now: not ours to update
            }
            var cs = new ContainerStatusBuilder().withName(WorkerPodFactory.WORKER_CONTAINER)
                    .withImage(current.getSpec().getContainers().get(0).getImage())
                    .withState(t == null
                            ? new ContainerStateBuilder().withNewRunning().withStartedAt(startedAt).endRunning().build()
                            : new ContainerStateBuilder().withNewTerminated().withExitCode(t.exitCode)
                                    .withReason(t.reason).withMessage(t.message).withStartedAt(startedAt)
                                    .withFinishedAt(finishedAt).endTerminated().build())
                    .build();
            var status = new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(phase)
                    .withStartTime(startedAt).withContainerStatuses(cs);
            if ("evict".equals(how)) {
                status.withReason("Evicted").withMessage("The node was low on resource: memory.")
                        .withConditions(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                                .withReason("EvictionByEvictionAPI").withLastTransitionTime(now()).build());
            }
            current.setStatus(status.build());
            try {
                client.pods().inNamespace(ns).resource(current).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Override
    public void close() {
        watch.close();
        running.values().forEach(Process::destroyForcibly);
        threads.shutdownNow();
        cpuLimits.close();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files left behind are harmless
        }
    }
}
