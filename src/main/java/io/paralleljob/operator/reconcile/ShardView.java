package io.paralleljob.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.paralleljob.api.ShardStatus;
import io.paralleljob.operator.Labels;
import io.paralleljob.operator.pods.PodState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One shard as observed: the items it owns, its pods (all attempts, oldest first) and what they finished. */
public final class ShardView {
    private final String key;
    private final List<Integer> assigned;
    private final List<Pod> pods;
    private final Set<Integer> done;

    public ShardView(String key, List<Integer> assigned, List<Pod> pods, Set<Integer> finishedItems) {
        this.key = key;
        this.assigned = assigned;
        this.pods = new ArrayList<>(pods);
        this.pods.sort(Comparator.comparingInt(ShardView::attempt));
        this.done = new HashSet<>(assigned);
        this.done.retainAll(finishedItems);
    }

    public String key() {
        return key;
    }

    public List<Integer> assigned() {
        return assigned;
    }

    public Set<Integer> done() {
        return done;
    }

    /**
     * Where the finished items stand in the shard's own list. Shards are strided, so their item
     * indexes are never contiguous and a list of them could exceed what a pod argument may hold;
     * positions of a shard run in order form a range ("0-22499").
     */
    public List<Integer> donePositions() {
        List<Integer> positions = new ArrayList<>(done.size());
        for (int p = 0; p < assigned.size(); p++) {
            if (done.contains(assigned.get(p))) {
                positions.add(p);
            }
        }
        return positions;
    }

    public boolean complete() {
        return done.size() == assigned.size();
    }

    public Pod active() {
        return pods.stream().filter(p -> PodState.of(p) == PodState.ACTIVE).findFirst().orElse(null);
    }

    public List<Pod> pods() {
        return pods;
    }

    /** The attempt number the next pod of this shard gets: one past the highest seen. */
    public int nextAttempt() {
        return pods.isEmpty() ? 0 : attempt(pods.get(pods.size() - 1)) + 1;
    }

    public Pod last() {
        return pods.isEmpty() ? null : pods.get(pods.size() - 1);
    }

    static int attempt(Pod pod) {
        try {
            return Integer.parseInt(pod.getMetadata().getLabels().getOrDefault(Labels.ATTEMPT, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    ShardStatus toStatus() {
        ShardStatus s = new ShardStatus();
        s.setName(key);
        Pod last = last();
        s.setPod(last == null ? null : last.getMetadata().getName());
        s.setAttempts(pods.size());
        s.setItems(assigned.size());
        s.setDone(done.size());
        if (complete()) {
            s.setPhase("Succeeded");
        } else if (last == null) {
            s.setPhase("Pending");
        } else {
            PodState st = PodState.of(last);
            s.setPhase(st == PodState.ACTIVE ? (last.getStatus() != null && "Running".equals(last.getStatus().getPhase())
                    ? "Running" : "Pending") : "Failed");
        }
        return s;
    }
}
