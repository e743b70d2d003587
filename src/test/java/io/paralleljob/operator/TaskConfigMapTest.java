package io.paralleljob.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.operator.pods.SpecTooLargeException;
import io.paralleljob.operator.pods.TaskConfigMap;
import io.paralleljob.plan.SpecValidator;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frozen spec holds the items once, and a spec that cannot be stored is refused before any create. */
class TaskConfigMapTest {
    private static ParallelJob job(List<String> items) {
        ParallelJob job = new ParallelJob();
        job.setMetadata(new ObjectMetaBuilder().withName("wide").withNamespace("ns").withUid("u").withGeneration(1L)
                .build());
        ParallelJobSpec spec = new ParallelJobSpec();
        spec.setItems(items);
        WorkerTemplate t = new WorkerTemplate();
        t.setCommand(List.of("true"));
        spec.setTemplate(t);
        job.setSpec(spec);
        return job;
    }

    @Test
    void itemsAreStoredOnceAndTheFrozenSpecHasThemBack() {
        List<String> items = Collections.nCopies(6, "y".repeat(100_000));
        ParallelJob job = job(items);
        ConfigMap cm = TaskConfigMap.build(job, SpecValidator.validate(job));

        long bytes = cm.getData().values().stream().mapToLong(v -> v.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length).sum();
        assertTrue(bytes < 610_000, "six 100 KB items once, not twice (1.2 MB): " + bytes);
        assertFalse(cm.getData().get("spec.json").contains("yyyy"), "spec.json holds the rest of the spec");
        assertEquals(items, TaskConfigMap.frozenSpec(cm).getItems());
        assertEquals(List.of("true"), TaskConfigMap.frozenSpec(cm).getTemplate().getCommand());
    }

    @Test
    void aSpecOverWhatAConfigMapHoldsIsRefused() {
        ParallelJob job = job(Collections.nCopies(11, "x".repeat(100_000)));
        SpecTooLargeException e = assertThrows(SpecTooLargeException.class,
                () -> TaskConfigMap.checkFits(job, SpecValidator.validate(job)));
        assertEquals("SpecTooLarge", e.reason());
        assertTrue(e.getMessage().contains("1100") && e.getMessage().contains(
                Integer.toString(TaskConfigMap.MAX_DATA_BYTES)), e.getMessage());
    }
}
