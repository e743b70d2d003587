package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a kubelet does with a container's resources.limits.cpu, on machines where the cgroup v1
 * CPU controller is writable (as root): a child cgroup per pod with the limit as its CFS quota,
 * the pod's runner moved into it right after it starts (the items it starts later inherit it),
 * and the cgroup removed when the pod ends. Elsewhere pods run without a CPU limit.
 */
final class PodCpuLimits {
    static final Path CONTROLLER = Path.of("/sys/fs/cgroup/cpu");
    private static final long PERIOD_US = 100_000;
    private static final AtomicInteger NEXT = new AtomicInteger();

    /** One parent per test kubelet, unique on the machine: builds sharing it do not collide. */
    private final Path parent;

    PodCpuLimits() {
        this.parent = CONTROLLER.resolve("pj-test-kubelet-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet());
    }

    /** Whether limits can be enforced here: a writable v1 CPU controller. */
    static boolean available() {
        return Files.isWritable(CONTROLLER.resolve("cgroup.procs")) && Files.isRegularFile(
                CONTROLLER.resolve("cpu.cfs_quota_us"));
    }

    /** The container's CPU limit in CPUs, or null when it has none. */
    static Double limitOf(Container c) {
        if (c.getResources() == null || c.getResources().getLimits() == null) {
            return null;
        }
        Quantity cpu = c.getResources().getLimits().get("cpu");
        return cpu == null ? null : cpu.getNumericalAmount().doubleValue();
    }

    /**
     * Puts the just-started process under a quota of {@code cpus}; null when limits are not
     * available here. All of its threads move ({@code cgroup.procs}; {@code tasks} would move only
     * the thread whose TID is the PID, and a JVM has started others by then).
     */
    Path limit(String pod, double cpus, Process process) throws IOException {
        if (!available()) {
            return null;
        }
        Files.createDirectories(parent);
        Path cg = Files.createDirectory(parent.resolve(pod.replace('/', '_') + "-" + NEXT.incrementAndGet()));
        Files.writeString(cg.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
        Files.writeString(cg.resolve("cpu.cfs_quota_us"), Long.toString(Math.max(1000, Math.round(cpus * PERIOD_US))));
        Files.writeString(cg.resolve("cgroup.procs"), Long.toString(process.pid()));
        return cg;
    }

    /** The pod has ended: whatever is left of it goes back to the root cgroup, then the cgroup goes. */
    void release(Path cg) {
        if (cg == null) {
            return;
        }
        for (int attempt = 0; attempt < 50 && Files.isDirectory(cg); attempt++) {
            try {
                for (String pid : Files.readAllLines(cg.resolve("cgroup.procs"))) {
                    if (!pid.isBlank()) {
                        Files.writeString(CONTROLLER.resolve("cgroup.procs"), pid.strip());
                    }
                }
                Files.delete(cg); // rmdir: refused while a process is still in it
            } catch (IOException e) {
                sleep(); // a process exiting right now; look again
            }
        }
    }

    /** At the kubelet's end: the parent, once its pods' cgroups are gone. */
    void close() {
        try (var children = Files.list(parent)) {
            children.filter(Files::isDirectory).forEach(this::release);
        } catch (IOException ignored) {
            // no parent: no pod had a limit
        }
        try {
            Files.deleteIfExists(parent);
        } catch (IOException ignored) {
            // still busy: harmless, and unique to this run
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
