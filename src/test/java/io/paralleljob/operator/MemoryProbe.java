package io.paralleljob.operator;

import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory figures of the test JVM, which holds the operator, the mock API server and the test
 * kubelet at once: heap after a full collection, RSS from /proc, the mock server's stored objects,
 * and the sizes of the operator's own per-job maps (read by reflection, since they are private:
 * the benchmark must see what the operator remembers, not what it chooses to expose).
 */
final class MemoryProbe {
    private static final long MIB = 1024 * 1024;

    private MemoryProbe() {
    }

    /** Heap in use after full collections (two, and a pause: finalizable objects go in the second). */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static double mib(long bytes) {
        return bytes / (double) MIB;
    }

    /** A line of /proc/self/status in MiB ("VmRSS", "VmHWM"), or -1 where there is no /proc. */
    static double procStatusMib(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux: no figure
        }
        return -1;
    }

    /** The mock server's CRUD store (object key to its JSON): what it holds of the cluster's state. */
    static Map<?, String> mockStore(KubernetesServer server) throws ReflectiveOperationException {
        Object mixed = field(server.getKubernetesMockServer(), "dispatcher");
        CrudDispatcher crud = (CrudDispatcher) field(mixed, "kubernetesCrudDispatcher");
        return crud.getMap();
    }

    /** The mock server's canned answers (the test kubelet adds two per pod for its log). */
    static int mockExpectations(KubernetesServer server) throws ReflectiveOperationException {
        return ((Map<?, ?>) field(server.getKubernetesMockServer(), "responses")).size();
    }

    /**
     * Every map or collection the operator's shared context holds, one level down, by name, with
     * its size (static fields included: the metrics' phase-by-job map is one).
     */
    static Map<String, Integer> operatorState(Object reconciler) throws ReflectiveOperationException {
        Object op = field(io.quarkus.arc.ClientProxy.unwrap(reconciler), "op");
        Map<String, Integer> out = new LinkedHashMap<>();
        for (var component : op.getClass().getRecordComponents()) {
            Object part = component.getAccessor().invoke(op);
            if (part instanceof io.paralleljob.operator.config.OperatorSettings) {
                continue; // configuration, not state
            }
            for (Class<?> c = part.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Map.class.isAssignableFrom(f.getType()) || Collection.class.isAssignableFrom(f.getType())) {
                        f.setAccessible(true);
                        Object v = f.get(Modifier.isStatic(f.getModifiers()) ? null : part);
                        int size = v instanceof Map<?, ?> m ? m.size() : v == null ? 0 : ((Collection<?>) v).size();
                        out.put(c.getSimpleName() + "." + f.getName(), size);
                    }
                }
            }
        }
        return out;
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(target.getClass() + "." + name);
    }
}
