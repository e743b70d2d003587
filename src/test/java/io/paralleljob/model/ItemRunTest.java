package io.paralleljob.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ItemRunTest {
    private static ItemRun run(Long wait) {
        return new ItemRun(3, "x", 0, "out", null, null, 1_000L, 500L, 120L, 1, 0, wait, 7L);
    }

    @Test
    void addedWaitJoinsTheMeasuredWaitAndNothingElseChanges() {
        ItemRun r = run(40L).withCpuWaitAdded(25);

        assertThat(r.cpuWaitMillis()).isEqualTo(65L);
        assertThat(r).usingRecursiveComparison().ignoringFields("cpuWaitMillis").isEqualTo(run(40L));
    }

    @Test
    void waitThatWasNotMeasuredStaysUnmeasured() {
        assertThat(run(null).withCpuWaitAdded(25).cpuWaitMillis()).isNull();
    }

    @Test
    void nothingToAddIsTheSameRun() {
        ItemRun r = run(40L);
        assertThat(r.withCpuWaitAdded(0)).isSameAs(r);
    }
}
