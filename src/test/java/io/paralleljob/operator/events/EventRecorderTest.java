package io.paralleljob.operator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.paralleljob.api.ParallelJob;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `kubectl describe pj` shows when the same thing is reported at every reconciliation. */
@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
    static KubernetesClient client;

    private static ParallelJob job(String name, String uid) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").withUid(uid).build());
        return job;
    }

    private static List<Event> events(String job) {
        return client.v1().events().inNamespace("ns").list().getItems().stream()
                .filter(e -> job.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing(Event::getMessage)).toList();
    }

    @Test
    void theSameReportEveryReconciliationIsOneEvent() {
        EventRecorder recorder = new EventRecorder();
        ParallelJob job = job("same", "uid-1");
        for (int i = 0; i < 5; i++) {
            recorder.warning(client, job, "PodsNotStarting", "same-0-0: ImagePullBackOff");
        }
        List<Event> events = events("same");
        assertEquals(1, events.size());
        assertEquals(1, events.get(0).getCount());
        assertEquals("Warning", events.get(0).getType());
    }

    @Test
    void aMessageThatComesBackCountsUpItsEvent() {
        EventRecorder recorder = new EventRecorder();
        ParallelJob job = job("flap", "uid-2");
        recorder.warning(client, job, "PodsNotStarting", "flap-0-0: ImagePullBackOff");
        recorder.warning(client, job, "PodsNotStarting", "flap-0-0: ErrImagePull");
        recorder.warning(client, job, "PodsNotStarting", "flap-0-0: ImagePullBackOff");
        List<Event> events = events("flap");
        assertEquals(2, events.size(), "one event per distinct message");
        assertEquals("flap-0-0: ErrImagePull", events.get(0).getMessage());
        assertEquals(1, events.get(0).getCount());
        assertEquals(2, events.get(1).getCount(), "the message came back: its event counts it");
    }

    @Test
    void aRestartedOperatorDoesNotTellTheSameThingTwice() {
        ParallelJob job = job("restart", "uid-3");
        new EventRecorder().normal(client, job, "StrategyChosen", "workload IOBound: running as Threads");
        // A new recorder has no memory, as after an operator restart: the deterministic name meets AlreadyExists.
        new EventRecorder().normal(client, job, "StrategyChosen", "workload IOBound: running as Threads");
        List<Event> events = events("restart");
        assertEquals(1, events.size());
        assertEquals(1, events.get(0).getCount());
    }

    @Test
    void aJobOfTheSameNameIsANewStory() {
        EventRecorder recorder = new EventRecorder();
        recorder.normal(client, job("again", "uid-4"), "Completed", "3 of 3 items succeeded");
        recorder.normal(client, job("again", "uid-5"), "Completed", "3 of 3 items succeeded");
        assertEquals(2, events("again").size(), "events are named by the job's UID, not only its name");
    }

    @Test
    void forgettingAJobMeansItsNextReportIsRecordedAgain() {
        EventRecorder recorder = new EventRecorder();
        ParallelJob job = job("forget", "uid-6");
        recorder.warning(client, job, "ReconcileError", "boom");
        recorder.forget(job);
        recorder.warning(client, job, "ReconcileError", "boom");
        // Still one event: after forget the recorder is as after a restart, and the name is the same.
        assertEquals(1, events("forget").size());
    }
}
