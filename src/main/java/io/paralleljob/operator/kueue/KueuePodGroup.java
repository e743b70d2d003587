package io.paralleljob.operator.kueue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.AutoDecision;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.Strategy;
import io.paralleljob.operator.pods.PodState;
import java.util.List;
import java.util.Map;

/**
 * A job labelled {@code kueue.x-k8s.io/queue-name} runs its worker pods as a Kueue pod group, the
 * contract of stock Kueue's plain-pod integration (kueue.sigs.k8s.io/docs/tasks/run/plain_pods):
 * every pod carries the queue and group labels and the group's total pod count; Kueue's webhook
 * gates each pod ({@code kueue.x-k8s.io/admission}) until the group is admitted; a group that is
 * not to succeed as a whole is ended with {@code kueue.x-k8s.io/retriable-in-group: "false"}.
 * Kueue re-creates no pods: replacing failed or preempted ones stays the operator's job.
 */
public final class KueuePodGroup {
    public static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
    public static final String GROUP_LABEL = "kueue.x-k8s.io/pod-group-name";
    public static final String TOTAL_COUNT = "kueue.x-k8s.io/pod-group-total-count";
    public static final String RETRIABLE = "kueue.x-k8s.io/retriable-in-group";
    public static final String ADMISSION_GATE = "kueue.x-k8s.io/admission";
    /**
     * On the task ConfigMap: the queue the job started in. Frozen with the spec, so that a label
     * edited later cannot move half a group, or change the pod count Kueue admitted.
     */
    public static final String FROZEN_QUEUE = "paralleljob.io/kueue-queue";

    private KueuePodGroup() {
    }

    /** The queue a job not yet started asks for, or null. */
    public static String queueOf(ParallelJob job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        String q = labels == null ? null : labels.get(QUEUE_LABEL);
        return q == null || q.isBlank() ? null : q;
    }

    /** The queue a started job runs in (from its task ConfigMap), or null. */
    public static String queueOf(ConfigMap task) {
        Map<String, String> a = task.getMetadata().getAnnotations();
        return a == null ? null : a.get(FROZEN_QUEUE);
    }

    /**
     * The group's name, which is also the name of the Workload Kueue makes for it: the job's name
     * (cut to fit a label value) and its UID's start, so that a re-created job of the same name is
     * a new group, not the finished one's.
     */
    public static String groupName(ParallelJob job) {
        String name = job.getMetadata().getName();
        String uid = String.valueOf(job.getMetadata().getUid()).replace("-", "");
        return (name.length() > 54 ? name.substring(0, 54) : name) + "-" + uid.substring(0, Math.min(8, uid.length()));
    }

    /** Puts a pod in the group of {@code total} pods (the job's shards: a replacement takes its predecessor's place). */
    public static void join(Pod pod, ParallelJob job, String queue, int total) {
        pod.getMetadata().getLabels().put(QUEUE_LABEL, queue);
        pod.getMetadata().getLabels().put(GROUP_LABEL, groupName(job));
        if (pod.getMetadata().getAnnotations() == null) {
            pod.getMetadata().setAnnotations(new java.util.HashMap<>());
        }
        pod.getMetadata().getAnnotations().put(TOTAL_COUNT, Integer.toString(total));
    }

    public static boolean gated(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getSchedulingGates() != null
                && pod.getSpec().getSchedulingGates().stream().anyMatch(g -> ADMISSION_GATE.equals(g.getName()));
    }

    /**
     * Why the group waits, or null: every pod that has not ended is held by Kueue's gate. A gated
     * replacement next to running pods is the admitted group filling a gap, not the job queueing.
     */
    public static String waiting(List<Pod> pods, String queue) {
        List<Pod> active = pods.stream().filter(p -> PodState.of(p) == PodState.ACTIVE).toList();
        if (active.isEmpty() || !active.stream().allMatch(KueuePodGroup::gated)) {
            return null;
        }
        return active.size() + " worker pod" + (active.size() == 1 ? " waits" : "s wait") + " for Kueue to admit "
                + "the pod group in queue " + queue + " (scheduling gate " + ADMISSION_GATE + "); "
                + "activeDeadlineSeconds does not run meanwhile";
    }

    /**
     * workload Auto in a pod group: Auto would start one Threads pod and then switch to Pods, but a
     * group's pod count is fixed when Kueue admits it. So the job runs as Pods (CPUBound) from the
     * start, unmeasured: a wrong guess costs pods for I/O-bound work, never a group Kueue cannot
     * account for. Declare IOBound for one pod of many threads.
     */
    public static AutoDecision autoDecision(String decidedAt) {
        AutoDecision d = new AutoDecision();
        d.setStrategy(Strategy.Pods.name());
        d.setDecidedAt(decidedAt);
        d.setReason("workload Auto in a Kueue pod group runs as Pods (CPUBound) without measuring: a pod group's "
                + "pod count is fixed at admission, so Auto cannot start as Threads and switch; declare IOBound for "
                + "one pod of threads");
        return d;
    }
}
