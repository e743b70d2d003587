package io.paralleljob.operator.reports;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Progress while pods run, without polling: the operator follows each running worker pod's log
 * stream (as {@code kubectl logs -f} does) and the runner writes one line per finished item, so
 * each line is an event. Items seen this way are shown in status while the pod runs; the pod's
 * full log, read once when it ends, stays the authoritative record. A job is reconciled at most
 * once per {@link #MIN_INTERVAL_MILLIS} for progress, however fast its items finish.
 */
public final class LiveProgress implements AutoCloseable {
    static final long MIN_INTERVAL_MILLIS = 2000;

    private final Map<String, LogFollower> byUid = new ConcurrentHashMap<>();
    private final Map<ResourceID, Long> lastTrigger = new ConcurrentHashMap<>();
    private final Set<ResourceID> pending = ConcurrentHashMap.newKeySet();
    private final Consumer<ResourceID> trigger;
    private final int maxFollowed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pj-live-progress");
        t.setDaemon(true);
        return t;
    });

    /** @param trigger asks for a reconciliation of a job (the controller's inbound event source) */
    public LiveProgress(Consumer<ResourceID> trigger, int maxFollowed) {
        this.trigger = trigger;
        this.maxFollowed = maxFollowed;
    }

    /**
     * Follows the job's running pods (starting streams that are missing or broken), stops following
     * its pods that are no longer running (ended, deleted, or gone from the cache), and returns the
     * items the running pods have reported so far.
     */
    public List<ItemRun> update(KubernetesClient client, ResourceID job, Collection<Pod> running) {
        Set<String> runningUids = new java.util.HashSet<>();
        running.forEach(p -> runningUids.add(p.getMetadata().getUid()));
        byUid.entrySet().removeIf(e -> {
            boolean stale = e.getValue().job().equals(job) && !runningUids.contains(e.getKey());
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
        List<ItemRun> live = new ArrayList<>();
        for (Pod p : running) {
            LogFollower f = byUid.get(p.getMetadata().getUid());
            if (f == null && byUid.size() < maxFollowed) {
                f = new LogFollower(job, timer, this::changed);
                byUid.put(p.getMetadata().getUid(), f);
            }
            if (f != null) {
                f.ensureOpen(client, p);
                live.addAll(f.runs());
            }
        }
        return live;
    }

    /** What the follower of a pod saw so far (empty when the pod was not followed). */
    public Collection<ItemRun> seen(Pod pod) {
        LogFollower f = byUid.get(pod.getMetadata().getUid());
        return f == null ? List.of() : f.runs();
    }

    /** Pods followed and jobs with a progress trigger remembered (a finished job's must not stay). */
    public int size() {
        return byUid.size() + lastTrigger.size() + pending.size();
    }

    /** The job finished or is gone: stop following its pods. */
    public void forget(ResourceID job) {
        update(null, job, List.of());
        pending.remove(job);
        lastTrigger.remove(job);
    }

    private void changed(ResourceID job) {
        long now = System.currentTimeMillis();
        long last = lastTrigger.getOrDefault(job, 0L);
        if (now - last >= MIN_INTERVAL_MILLIS) {
            lastTrigger.put(job, now);
            trigger.accept(job);
        } else if (pending.add(job)) {
            timer.schedule(() -> {
                if (pending.remove(job)) { // not forgotten meanwhile
                    lastTrigger.put(job, System.currentTimeMillis());
                    trigger.accept(job);
                }
            }, MIN_INTERVAL_MILLIS - (now - last), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        byUid.values().forEach(LogFollower::close);
        timer.shutdownNow();
    }
}
