package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods this operator created that its informer has not shown yet, as the Kubernetes Job
 * controller keeps "expectations": a reconciliation that runs on a cache from before the create
 * sees the shard without its pod, and without this would create it again. Deterministic names make
 * that harmless (AlreadyExists) but not free: a wasted request, and a retry. An expectation lapses
 * after {@link #LAPSE_NANOS}, so a create whose pod never shows (deleted at once) is tried again.
 *
 * <p>The same holds for deletes: once a pod's delete is sent, a cache that still shows the pod
 * (the event of our own finalizer patch arrives before the deletion's) must not send it again.
 */
public final class PodExpectations {
    static final long LAPSE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    /** Per job UID: pod name to when it was created (System.nanoTime). */
    private final Map<String, Map<String, Long>> byJob = new ConcurrentHashMap<>();

    public void created(String jobUid, String podName) {
        byJob.computeIfAbsent(jobUid, k -> new ConcurrentHashMap<>()).put(podName, System.nanoTime());
    }

    /** The informer shows these pods: nothing more to expect of them. */
    public void observed(String jobUid, Collection<Pod> pods) {
        Map<String, Long> expected = byJob.get(jobUid);
        if (expected != null) {
            pods.forEach(p -> expected.remove(p.getMetadata().getName()));
            if (expected.isEmpty()) {
                byJob.remove(jobUid, expected);
            }
        }
    }

    /** True while a pod of this name was created a moment ago and the cache has not caught up. */
    public boolean pending(String jobUid, String podName) {
        Map<String, Long> expected = byJob.get(jobUid);
        Long at = expected == null ? null : expected.get(podName);
        return at != null && System.nanoTime() - at < LAPSE_NANOS;
    }

    /** Pod UID to when its delete was sent; entries lapse like the creates. */
    private final Map<String, Long> deletesSent = new ConcurrentHashMap<>();

    /** True the first time a pod's delete is asked for; false while one sent a moment ago is on its way. */
    public boolean firstDelete(String podUid) {
        long now = System.nanoTime();
        // Lapsed marks are swept at most once a second: a sweep on every call scanned every mark
        // for every pod deleted, quadratic in a burst of finished jobs.
        long last = lastSweep.get();
        if (now - last >= SWEEP_NANOS && lastSweep.compareAndSet(last, now)) {
            deletesSent.values().removeIf(at -> now - at >= LAPSE_NANOS);
        }
        boolean[] first = {false};
        deletesSent.compute(podUid, (uid, at) -> {
            if (at != null && now - at < LAPSE_NANOS) {
                return at; // sent a moment ago
            }
            first[0] = true;
            return now;
        });
        return first[0];
    }

    /** A delete asked for could not be sent: the next pass may ask again at once. */
    public void deleteFailed(String podUid) {
        deletesSent.remove(podUid);
    }

    private static final long SWEEP_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    /** Jobs with pods created and not seen yet. */
    public int size() {
        return byJob.size();
    }

    public void forget(String jobUid) {
        byJob.remove(jobUid);
    }
}
