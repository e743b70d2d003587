package io.paralleljob.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final Instant T1 = Instant.parse("2025-01-01T10:00:00.400Z");
    private static final Instant T2 = Instant.parse("2025-01-01T10:05:00Z");

    private static Condition only(List<Condition> list, String type) {
        return list.stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void aNewConditionStartsNowInWholeSeconds() {
        List<Condition> list = new Conditions(null, T1).set("Complete", true, "Done", "all good").toList();

        Condition c = only(list, "Complete");
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("Done");
        assertThat(c.getMessage()).isEqualTo("all good");
        assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
    }

    @Test
    void unchangedStatusKeepsItsTransitionTimeButTakesTheNewMessage() {
        List<Condition> first = new Conditions(null, T1).set("Complete", true, "Done", "3 items").toList();
        List<Condition> second = new Conditions(first, T2).set("Complete", true, "Done", "4 items").toList();

        Condition c = only(second, "Complete");
        assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(c.getMessage()).isEqualTo("4 items");
        assertThat(second).hasSize(1);
    }

    @Test
    void aFlippedStatusMovesTheTransitionTime() {
        List<Condition> first = new Conditions(null, T1).set("Ready", false, "Waiting", "not yet").toList();
        List<Condition> second = new Conditions(first, T2).set("Ready", true, "Ready", "now").toList();

        Condition c = only(second, "Ready");
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getLastTransitionTime()).isEqualTo("2025-01-01T10:05:00Z");
    }

    @Test
    void otherConditionsAreKeptInPlaceAndCanBeRemoved() {
        List<Condition> first = new Conditions(null, T1).set("A", true, "r", "m").set("B", true, "r", "m").toList();
        List<Condition> second = new Conditions(first, T2).set("A", false, "r", "m").toList();

        assertThat(second).extracting(Condition::getType).containsExactly("A", "B");
        assertThat(only(second, "B").getLastTransitionTime()).isEqualTo("2025-01-01T10:00:00Z");
        assertThat(new Conditions(second, T2).remove("A").toList()).extracting(Condition::getType).containsExactly("B");
        assertThat(first).as("the previous list is not changed").extracting(Condition::getStatus)
                .containsExactly("True", "True");
    }
}
