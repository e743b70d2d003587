package io.paralleljob.operator;

import static io.paralleljob.operator.OperatorEndToEndTest.condition;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.paralleljob.aggregate.Conditions;
import io.paralleljob.api.ConfigMapItems;
import io.paralleljob.api.ItemResult;
import io.paralleljob.api.ItemsFrom;
import io.paralleljob.api.ParallelJob;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spec.itemsFrom.configMapKeyRef: a job whose ConfigMap is not there yet says so (ItemsUnavailable,
 * naming the ConfigMap) and waits, retried with the framework's backoff; once the ConfigMap is
 * created it runs its lines as items, nothing created before.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = InstallCrd.class)
class ItemsFromConfigMapTest extends OperatorTestBase {

    @Test
    void aJobWaitsForItsMissingConfigMapThenRunsItsLines() {
        ParallelJob j = job("listed", "IOBound", 2, 1, "sh", "-c", "echo got $PJ_ITEM");
        j.getSpec().setRange(null);
        ItemsFrom from = new ItemsFrom();
        ConfigMapItems ref = new ConfigMapItems();
        ref.setName("work-list");
        ref.setKey("items.txt");
        from.setConfigMapKeyRef(ref);
        j.getSpec().setItemsFrom(from);
        create(j);

        await().atMost(Duration.ofSeconds(20)).until(() -> {
            ParallelJob now = get("listed");
            return now.getStatus() != null && now.getStatus().getConditions() != null && now.getStatus().getConditions()
                    .stream().anyMatch(c -> Conditions.RECONCILE_ERROR.equals(c.getType())
                            && "ItemsUnavailable".equals(c.getReason()));
        });
        var waiting = condition(get("listed"), Conditions.RECONCILE_ERROR);
        assertTrue(waiting.getMessage().startsWith("spec.itemsFrom.configMapKeyRef: ConfigMap work-list in namespace "
                + NS + " does not exist"), "the cause, not the framework's wrapper: " + waiting.getMessage());
        assertTrue(pods("listed").isEmpty(), "nothing runs before the items are there");

        user.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata().withName("work-list")
                .endMetadata().addToData("items.txt", "alpha\nbeta\ngamma\n").build()).create();

        ParallelJob done = awaitPhase("listed", "Succeeded");
        assertEquals(3, done.getStatus().getItems().getTotal());
        List<String> outputs = done.getStatus().getResults().stream().map(ItemResult::getOutput).sorted().toList();
        assertEquals(List.of("got alpha", "got beta", "got gamma"), outputs);
        assertNotNull(done.getStatus().getCompletedIndexes());
        assertEquals("0-2", done.getStatus().getCompletedIndexes());
    }
}
