package io.paralleljob.operator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A poor man's profiler for one run: every 100 ms, each thread that is on a CPU (runnable, and not
 * parked in a poll or a socket read, which the JVM also calls runnable) is counted under who it
 * works for, judged by the frames on its stack: the test kubelet, the mock API server, the
 * operator (its reconciler and the operator SDK), or the Fabric8 client (the operator's informers
 * and the tests' watches alike). The shares answer "where does the time go" at a scale where the
 * operator, the mock server and the kubelet share one JVM; the threads' own CPU clocks do not, as
 * all three run on the same Vert.x and pool threads.
 */
final class StackSampler implements AutoCloseable {
    private static final List<String> IDLE_TOPS = List.of("sun.nio.ch.EPoll", "io.netty.channel.epoll.Native",
            "sun.nio.ch.SocketDispatcher", "sun.nio.ch.Net.poll", "java.net.SocketInputStream",
            "sun.nio.ch.NioSocketImpl", "java.lang.ProcessHandleImpl", "java.lang.ProcessImpl",
            "java.io.FileInputStream.readBytes", "sun.nio.ch.KQueue", "java.lang.Thread.sleep",
            "java.lang.ref.Reference.waitForReferencePendingList");
    /** The JVM's own threads: never doing the run's work, and some are "runnable" while they wait. */
    private static final List<String> JVM_THREADS = List.of("Reference Handler", "Finalizer", "Signal Dispatcher",
            "Common-Cleaner", "Attach Listener", "process reaper");
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, AtomicLong> samples = new ConcurrentHashMap<>();
    private final AtomicLong passes = new AtomicLong();
    /** Threads seen running a reconciliation (the operator SDK names them so while they do). */
    final java.util.Set<Long> reconcilerThreads = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean open = true;

    StackSampler() {
        thread = new Thread(this::sample, "test-stack-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (open) {
            for (ThreadInfo t : threads.dumpAllThreads(false, false, 60)) {
                if (t.getThreadName().startsWith("ReconcilerExecutor-")) {
                    reconcilerThreads.add(t.getThreadId());
                }
                if (t.getThreadState() == Thread.State.RUNNABLE && t.getStackTrace().length > 0 && !idle(t)
                        && t.getThreadId() != thread.getId() && !JVM_THREADS.contains(t.getThreadName())) {
                    samples.computeIfAbsent(owner(t.getStackTrace()), k -> new AtomicLong()).incrementAndGet();
                }
            }
            passes.incrementAndGet();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean idle(ThreadInfo t) {
        String top = t.getStackTrace()[0].getClassName() + "." + t.getStackTrace()[0].getMethodName();
        return IDLE_TOPS.stream().anyMatch(top::startsWith);
    }

    private static String owner(StackTraceElement[] stack) {
        boolean operator = false;
        boolean client = false;
        boolean io = false;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (c.startsWith("io.paralleljob.operator.TestKubelet") || c.startsWith("io.paralleljob.operator.JobClock")
                    || c.startsWith("io.paralleljob.operator.RequestTally")) {
                return "test kubelet, watches and tally";
            }
            if (c.startsWith("io.fabric8.mockwebserver") || c.startsWith("io.fabric8.kubernetes.client.server.mock")) {
                return "mock API server";
            }
            operator |= c.startsWith("io.paralleljob.") || c.startsWith("io.javaoperatorsdk.");
            client |= c.startsWith("io.fabric8.kubernetes.client");
            io |= c.startsWith("io.netty.") || c.startsWith("io.vertx.");
        }
        if (operator) {
            return "operator (reconciler, operator SDK)";
        }
        if (client) {
            return "Fabric8 client (informers, watches, HTTP)";
        }
        if (io) {
            return "HTTP and WebSocket I/O (Netty, Vert.x: the server's or a client's, not told apart)";
        }
        return "other: " + stack[stack.length - 1].getClassName().replaceFirst("\\.[A-Za-z0-9_$]+$", "") + " / "
                + stack[0].getClassName();
    }

    /** Share of the on-CPU samples by owner, largest first, and the on-CPU threads' average count. */
    Map<String, String> shares() {
        long total = samples.values().stream().mapToLong(AtomicLong::get).sum();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("threads on a CPU, on average", String.format("%.2f (%d samples in %d passes)",
                total / (double) Math.max(1, passes.get()), total, passes.get()));
        samples.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue().get(), a.getValue().get())).limit(12)
                .forEach(e -> out.put(e.getKey(), String.format("%.0f%%", 100.0 * e.getValue().get() / total)));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        thread.join(1000);
    }
}
