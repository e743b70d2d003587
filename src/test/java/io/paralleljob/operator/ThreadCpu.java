package io.paralleljob.operator;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads between two moments, grouped by thread name with the numbers
 * taken out ("vert.x-eventloop-thread-3" and "-5" are one group): a first answer to where a
 * run's time goes (operator reconcilers, the client's and the mock server's event loops, the
 * kubelet's pool, GC is not a Java thread and is not here). Threads that ended before the second
 * moment are missing.
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> marked = new HashMap<>();
    private long processCpuAtMark;

    void mark() {
        marked.clear();
        for (long id : threads.getAllThreadIds()) {
            marked.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
        processCpuAtMark = processCpu();
    }

    /** Seconds of CPU per group since {@link #mark()}, largest first, with the process's total first of all. */
    Map<String, Double> since() {
        Map<String, Double> groups = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("[0-9]+", "N");
            groups.merge(group, (cpu - marked.getOrDefault(id, 0L)) / 1e9, Double::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("the whole process (GC and JIT included)", (processCpu() - processCpuAtMark) / 1e9);
        groups.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Seconds of CPU these threads used since {@link #mark()} (those still alive). */
    double since(java.util.Set<Long> ids) {
        long sum = 0;
        for (long id : ids) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                sum += cpu - marked.getOrDefault(id, 0L);
            }
        }
        return sum / 1e9;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
