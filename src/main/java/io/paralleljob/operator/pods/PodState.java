package io.paralleljob.operator.pods;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Set;

/** What a worker pod's status means for its shard. */
public enum PodState {
    /** Pending or running: its shard waits for it. */
    ACTIVE,
    /** The runner ran the whole shard (item failures are data, not pod failures). */
    SUCCEEDED,
    /** The runner died or exited non-zero (OOMKilled, crashed, deleted by someone): spends backoffLimit. */
    FAILED,
    /** Lost to the infrastructure (eviction, preemption, node loss): replaced without spending backoffLimit. */
    DISRUPTED;

    private static final Set<String> DISRUPTION_REASONS = Set.of("Evicted", "Preempting", "NodeLost",
            "Shutdown", "DeletionByTaintManager", "TerminationByKubelet");

    public static PodState of(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase) && lost(pod)) {
            return DISRUPTED;
        }
        if ("Succeeded".equals(phase)) {
            return SUCCEEDED;
        }
        if ("Failed".equals(phase)) {
            return disrupted(pod) ? DISRUPTED : FAILED;
        }
        return ACTIVE;
    }

    /**
     * Deleted, and still not ended a minute past its grace period: no kubelet is left to end it
     * (its node is gone or unreachable). Our finalizer keeps the object, so without this its shard
     * would wait for it forever.
     */
    public static boolean lost(Pod pod) {
        String deletion = pod.getMetadata().getDeletionTimestamp();
        if (deletion == null) {
            return false;
        }
        try {
            // deletionTimestamp is when the grace period ends.
            return java.time.Instant.parse(deletion).plusSeconds(60).isBefore(java.time.Instant.now());
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    static boolean disrupted(Pod pod) {
        List<PodCondition> conditions = pod.getStatus().getConditions();
        if (conditions != null && conditions.stream()
                .anyMatch(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()))) {
            return true;
        }
        return pod.getStatus().getReason() != null && DISRUPTION_REASONS.contains(pod.getStatus().getReason());
    }

    /** Waiting reasons that do not resolve by waiting a little: the pod needs someone to act. */
    private static final Set<String> STUCK_REASONS = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError", "RunContainerError", "CrashLoopBackOff");

    /**
     * Why a pod that has not ended is not getting anywhere ("worker: ImagePullBackOff: ..."), or
     * null. Such a pod is neither failed nor done, so without this a job would just sit Running.
     */
    public static String notStarting(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        List<ContainerStatus> all = new java.util.ArrayList<>();
        if (pod.getStatus().getInitContainerStatuses() != null) {
            all.addAll(pod.getStatus().getInitContainerStatuses());
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            all.addAll(pod.getStatus().getContainerStatuses());
        }
        for (ContainerStatus cs : all) {
            var waiting = cs.getState() == null ? null : cs.getState().getWaiting();
            if (waiting != null && STUCK_REASONS.contains(waiting.getReason())) {
                return pod.getMetadata().getName() + ", container " + cs.getName() + ": " + waiting.getReason()
                        + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
            }
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())
                        && "Unschedulable".equals(c.getReason())) {
                    return pod.getMetadata().getName() + ": Unschedulable: " + c.getMessage();
                }
            }
        }
        return null;
    }

    /** Why a container runtime could not start a container's command (containerd, CRI-O; Docker's own word). */
    private static final Set<String> START_FAILURES = Set.of("StartError", "ContainerCannotRun");

    /**
     * The runtime's words when it could not start the runner in the worker container at all
     * ("StartError: exec format error"), or null. Every replacement pod would fail the same way:
     * the runner image and the node do not fit (another CPU architecture, a runner not copied).
     */
    public static String runnerCannotStart(Pod pod) {
        ContainerStateTerminated t = terminated(pod);
        if (t == null || t.getReason() == null || !START_FAILURES.contains(t.getReason())) {
            return null;
        }
        return t.getReason() + (t.getMessage() == null ? "" : ": " + t.getMessage().strip());
    }

    /** "exit code 137 (OOMKilled)" or the pod's reason and message, for conditions and events. */
    public static String describeFailure(Pod pod) {
        ContainerStateTerminated t = terminated(pod);
        StringBuilder s = new StringBuilder();
        if (pod.getStatus() != null && pod.getStatus().getReason() != null) {
            s.append(pod.getStatus().getReason());
            if (pod.getStatus().getMessage() != null) {
                s.append(": ").append(pod.getStatus().getMessage());
            }
        }
        if (t != null) {
            if (s.length() > 0) {
                s.append("; ");
            }
            s.append("runner exit code ").append(t.getExitCode());
            if (t.getReason() != null) {
                s.append(" (").append(t.getReason()).append(')');
            }
            String said = lastWords(t.getMessage());
            if (said != null) {
                s.append(": ").append(said);
            }
        }
        return s.length() == 0 ? "no reason given" : s.toString();
    }

    /**
     * The last non-blank line of a terminated runner's message when it is not the runner's own
     * summary (a JSON object): the log's tail the kubelet put there because the runner died before
     * writing one ("Error occurred during initialization of VM"), capped at 300 characters.
     */
    static String lastWords(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String last = message.strip().lines().reduce((a, b) -> b.isBlank() ? a : b).orElse("").strip();
        if (last.isEmpty() || last.startsWith("{")) {
            return null;
        }
        return last.length() <= 300 ? last : last.substring(0, 299) + "…";
    }

    static ContainerStateTerminated terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(cs -> WorkerPodFactory.WORKER_CONTAINER.equals(cs.getName()))
                .map(ContainerStatus::getState)
                .filter(st -> st != null && st.getTerminated() != null)
                .map(st -> st.getTerminated())
                .findFirst().orElse(null);
    }
}
