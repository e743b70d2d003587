package io.paralleljob.aggregate;

import static io.paralleljob.aggregate.Runs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.paralleljob.api.ParallelJobStatus;
import io.paralleljob.api.Strategy;
import io.paralleljob.model.ItemRun;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job of one item says "1 item", not "1 items", in every condition message. */
class OneItemMessagesTest {
    private static final Instant NOW = Instant.ofEpochMilli(T0 + 10_000);

    private static String message(int total, List<ItemRun> runs, String type) {
        ParallelJobStatus st = StatusAggregator.aggregate(
                new JobSnapshot(1L, total, runs, Strategy.Threads, null, true, null, NOW), null);
        return st.getConditions().stream().filter(c -> c.getType().equals(type)).map(Condition::getMessage)
                .findFirst().orElseThrow();
    }

    @Test
    void succeeded() {
        assertThat(message(1, List.of(Runs.ok(0, T0, 1000)), Conditions.COMPLETE)).startsWith("1 of 1 item succeeded");
    }

    @Test
    void failed() {
        assertThat(message(1, List.of(Runs.failed(0, 3, "boom")), Conditions.FAILED)).startsWith("1 of 1 item failed");
    }

    @Test
    void missing() {
        assertThat(message(1, List.of(), Conditions.FAILED)).isEqualTo("1 of 1 item has no result");
        assertThat(message(2, List.of(Runs.ok(0, T0, 10)), Conditions.FAILED)).isEqualTo("1 of 2 items has no result");
    }
}
