package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.operator.Labels;
import java.util.Collection;
import java.util.List;

/**
 * Lets go of worker pods once their results are recorded: removes the result finalizer (one
 * patch per pod, as the Job controller's tracking finalizer costs), and, once the job has
 * finished, deletes its pods with one request for all of them unless finished pods are kept.
 */
public final class PodCleanup {
    private final KubernetesClient client;
    private final PodExpectations expectations;

    public PodCleanup(KubernetesClient client, PodExpectations expectations) {
        this.client = client;
        this.expectations = expectations;
    }

    /** Removes the result finalizer from those pods that still carry it. */
    public void release(Collection<Pod> pods) {
        for (Pod pod : pods) {
            int at = pod.getMetadata().getFinalizers() == null ? -1
                    : pod.getMetadata().getFinalizers().indexOf(Labels.RESULT_FINALIZER);
            if (at < 0) {
                continue;
            }
            // resource(pod), not withName(name): the latter reads the pod from the server before a patch.
            // One JSON patch: "test" makes it fail (422) rather than remove someone else's finalizer
            // if the list changed since the informer saw it.
            String path = "/metadata/finalizers/" + at;
            // 422 is the "test" failing: released already by a pass whose patch this cache does not
            // show yet, or the list changed, in which case the pod's update brings another pass.
            ignoring(422, () -> client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod)
                    .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"" + path
                            + "\",\"value\":\"" + Labels.RESULT_FINALIZER + "\"},{\"op\":\"remove\",\"path\":\""
                            + path + "\"}]"));
        }
    }

    /**
     * Deletes a finished job's pods. One delete of the job's label selects them all when every pod
     * carrying the label is the job's own ({@code allLabelledOwned}); otherwise (an orphaned pod of
     * an earlier job of the same name is about) each own pod is deleted by name. A pod whose delete
     * was sent a moment ago is not asked again: the cache may still show it.
     */
    public void deleteFinished(ParallelJob job, Collection<Pod> pods, boolean allLabelledOwned) {
        List<Pod> standing = pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        if (!allLabelledOwned) {
            standing.forEach(this::deleteNamed);
            return;
        }
        List<Pod> toDelete = standing.stream().filter(p -> expectations.firstDelete(p.getMetadata().getUid())).toList();
        if (toDelete.isEmpty()) {
            return;
        }
        try {
            ignoringGone(() -> client.pods().inNamespace(job.getMetadata().getNamespace())
                    .withLabel(Labels.JOB, job.getMetadata().getName()).delete());
        } catch (RuntimeException e) {
            // Not sent after all: the framework's retry must find these pods still to delete (a
            // mark left here would make it a no-op, and nothing else would bring the job back).
            toDelete.forEach(p -> expectations.deleteFailed(p.getMetadata().getUid()));
            throw e;
        }
    }

    /** Deletes one pod by name, unless its delete was sent a moment ago; a failed one may be sent again at once. */
    private void deleteNamed(Pod pod) {
        if (!expectations.firstDelete(pod.getMetadata().getUid())) {
            return;
        }
        try {
            ignoringGone(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).delete());
        } catch (RuntimeException e) {
            expectations.deleteFailed(pod.getMetadata().getUid());
            throw e;
        }
    }

    private static void ignoringGone(Runnable call) {
        ignoring(404, call);
    }

    /** Runs the call; gone (404, what we wanted) and {@code alsoFine} are not errors. */
    private static void ignoring(int alsoFine, Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != alsoFine) {
                throw e;
            }
        }
    }

    /** Stops pods still running when the job fails as a whole (deadline, backoff limit). */
    public void stop(Collection<Pod> pods) {
        pods.stream().filter(p -> PodState.of(p) == PodState.ACTIVE && p.getMetadata().getDeletionTimestamp() == null)
                .forEach(this::deleteNamed);
    }
}
