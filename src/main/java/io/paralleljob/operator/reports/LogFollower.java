package io.paralleljob.operator.reports;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.paralleljob.model.ItemRun;
import io.paralleljob.model.ReportLine;
import io.paralleljob.operator.pods.WorkerPodFactory;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** One running pod's log stream, parsed line by line into the items it reports (see {@link LiveProgress}). */
final class LogFollower {
    static final long MAX_REOPEN_DELAY_MILLIS = 30_000;
    private static final Logger LOG = Logger.getLogger(LogFollower.class);

    private final ResourceID job;
    private final ScheduledExecutorService timer;
    private final Consumer<ResourceID> changed;
    private final Map<Integer, ItemRun> runs = new ConcurrentHashMap<>();
    private volatile LogWatch watch;
    private volatile boolean open;
    private volatile boolean closed;
    /** Grows while a stream keeps ending early with nothing new, so a flapping stream never hammers the API. */
    private volatile long reopenDelay = LiveProgress.MIN_INTERVAL_MILLIS;

    /** @param changed asked for a reconciliation of the job (new items seen, or the stream needs reopening) */
    LogFollower(ResourceID job, ScheduledExecutorService timer, Consumer<ResourceID> changed) {
        this.job = job;
        this.timer = timer;
        this.changed = changed;
    }

    ResourceID job() {
        return job;
    }

    Collection<ItemRun> runs() {
        return runs.values();
    }

    synchronized void ensureOpen(KubernetesClient client, Pod pod) {
        if (open || closed) {
            return;
        }
        open = true;
        try {
            watch = client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).inContainer(WorkerPodFactory.WORKER_CONTAINER)
                    .watchLog(new LineParser());
            // A stream that ends while the pod still runs (API server restart, a proxy's timeout) is
            // reopened at the next reconciliation, which reopenLater asks for.
            watch.onClose().whenComplete((cause, error) -> reopenLater());
        } catch (RuntimeException e) {
            LOG.debugf("cannot follow the log of %s yet: %s", pod.getMetadata().getName(), e.getMessage());
            reopenLater();
        }
    }

    private void reopenLater() {
        open = false;
        if (!closed) {
            long delay = reopenDelay;
            reopenDelay = Math.min(MAX_REOPEN_DELAY_MILLIS, delay * 2);
            timer.schedule(() -> changed.accept(job), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void accept(ItemRun run) {
        if (runs.put(run.index(), run) == null) {
            reopenDelay = LiveProgress.MIN_INTERVAL_MILLIS;
            changed.accept(job);
        }
    }

    synchronized void close() {
        closed = true;
        if (watch != null) {
            watch.close();
        }
    }

    /** Splits the stream into lines and keeps the item lines. */
    private final class LineParser extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            if (b == '\n') {
                ReportLine r = ReportLine.parse(line.toString(StandardCharsets.UTF_8).strip());
                line.reset();
                if (r != null && r.item() != null) {
                    accept(r.item());
                }
            } else if (line.size() < 64 * 1024) {
                line.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
