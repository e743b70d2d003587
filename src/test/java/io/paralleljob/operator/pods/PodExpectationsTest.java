package io.paralleljob.operator.pods;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodExpectationsTest {
    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    @Test
    void aCreatedPodIsExpectedUntilTheCacheShowsIt() {
        PodExpectations e = new PodExpectations();
        e.created("job-uid", "j-0-0");
        assertTrue(e.pending("job-uid", "j-0-0"), "a stale cache must not make us create it again");
        assertFalse(e.pending("job-uid", "j-1-0"), "other pods are not held back");
        assertFalse(e.pending("other-uid", "j-0-0"), "a job of the same name is another job");
        e.observed("job-uid", List.of(pod("j-0-0")));
        assertFalse(e.pending("job-uid", "j-0-0"));
    }

    @Test
    void forgettingAJobDropsItsExpectations() {
        PodExpectations e = new PodExpectations();
        e.created("job-uid", "j-0-0");
        e.forget("job-uid");
        assertFalse(e.pending("job-uid", "j-0-0"));
    }

    @Test
    void aDeleteIsSentOnceWhileItIsOnItsWay() {
        PodExpectations e = new PodExpectations();
        assertTrue(e.firstDelete("pod-a"));
        assertFalse(e.firstDelete("pod-a"), "a stale cache still showing the pod must not delete it again");
        assertTrue(e.firstDelete("pod-b"), "another pod is another delete");
    }

    @Test
    void aDeleteThatCouldNotBeSentIsAskedForAgainAtOnce() {
        PodExpectations e = new PodExpectations();
        assertTrue(e.firstDelete("pod-a"));
        e.deleteFailed("pod-a");
        assertTrue(e.firstDelete("pod-a"), "the retry after a failed delete must send it");
    }
}
