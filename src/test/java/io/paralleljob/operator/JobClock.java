package io.paralleljob.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.paralleljob.api.ParallelJob;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When each job was created, got its first pod and reached Succeeded, as a watching user sees it:
 * from watches (a poll of a thousand jobs would load the very API server being measured). Also
 * counts pods as they come and go, and pod names added more than once (a pod created twice).
 */
final class JobClock implements AutoCloseable {
    /** A job's moments, System.nanoTime(); 0 for not yet. */
    static final class Moments {
        volatile long created;
        volatile long firstPod;
        volatile long succeeded;
        volatile long deleted;
    }

    private final Map<String, Moments> jobs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> podAdds = new ConcurrentHashMap<>();
    final AtomicInteger podsAdded = new AtomicInteger();
    final AtomicInteger podsDeleted = new AtomicInteger();
    /** Pods seen without a finalizer after they had one: let go by the operator. */
    private final java.util.Set<String> released = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();
    final AtomicInteger succeeded = new AtomicInteger();
    final AtomicInteger deleted = new AtomicInteger();
    private final List<Watch> watches;

    JobClock(KubernetesClient client, String namespace) {
        Watch jobWatch = client.resources(ParallelJob.class).inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, ParallelJob job) {
                Moments m = moments(job.getMetadata().getName());
                if (action == Action.DELETED) {
                    if (m.deleted == 0) {
                        m.deleted = System.nanoTime();
                        deleted.incrementAndGet();
                    }
                } else if (m.succeeded == 0 && job.getStatus() != null && "Succeeded".equals(job.getStatus().getPhase())) {
                    m.succeeded = System.nanoTime();
                    succeeded.incrementAndGet();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        Watch podWatch = client.pods().inNamespace(namespace).withLabel(Labels.JOB).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                var finalizers = pod.getMetadata().getFinalizers();
                if (finalizers != null && !finalizers.isEmpty()) {
                    held.add(pod.getMetadata().getUid());
                } else if (held.contains(pod.getMetadata().getUid())) {
                    released.add(pod.getMetadata().getUid());
                }
                if (action == Action.ADDED) {
                    podsAdded.incrementAndGet();
                    podAdds.computeIfAbsent(pod.getMetadata().getName(), k -> new AtomicInteger()).incrementAndGet();
                    Moments m = moments(pod.getMetadata().getLabels().get(Labels.JOB));
                    if (m.firstPod == 0) {
                        m.firstPod = System.nanoTime();
                    }
                } else if (action == Action.DELETED) {
                    podsDeleted.incrementAndGet();
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        watches = List.of(jobWatch, podWatch);
    }

    Moments moments(String job) {
        return jobs.computeIfAbsent(job, k -> new Moments());
    }

    /** Call just before the create request: the latency is the user's, request included. */
    void creating(String job) {
        moments(job).created = System.nanoTime();
    }

    Map<String, Moments> all() {
        return jobs;
    }

    /** Pods whose finalizers the operator has removed. */
    int podsReleased() {
        return released.size();
    }

    /** Pod names the API server announced more than once. */
    List<String> podsAddedTwice() {
        return podAdds.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
    }
}
