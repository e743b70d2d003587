package io.paralleljob.operator.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pod creates in doubling batches: few round trips for many pods, one failure costs one batch. */
class SlowStartTest {
    private static List<Integer> upTo(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void everyCallIsMadeOnceAndOutcomesComeInInputOrder() throws Exception {
        List<SlowStart.Outcome<Integer>> out = SlowStart.run(upTo(100), i -> i * 2, v -> true);

        assertThat(out).extracting(SlowStart.Outcome::value).containsExactlyElementsOf(upTo(100).stream()
                .map(i -> i * 2).toList());
    }

    @Test
    void callsRunAtOnceWithinABatchUpToTheCap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        SlowStart.run(upTo(64), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return i;
        }, v -> true);

        // 1, 2, 4, 8, 16, 16, 16, 1: a batch of 16 ran side by side, never more.
        assertThat(most.get()).isGreaterThan(4).isLessThanOrEqualTo(SlowStart.MAX_BATCH);
    }

    @Test
    void noBatchStartsAfterOneWithAFailure() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<SlowStart.Outcome<Integer>> out = SlowStart.run(upTo(1000), i -> {
            calls.incrementAndGet();
            if (i == 4) {
                throw new IllegalStateException("exceeded quota");
            }
            return i;
        }, v -> true);

        // Batches 1, 2, 4: the third held the failure, so 7 calls of 1000.
        assertThat(calls.get()).isEqualTo(7);
        assertThat(out).hasSize(7);
        assertThat(out.get(4).error()).hasMessage("exceeded quota");
        assertThat(out.get(5).value()).isEqualTo(5);
    }

    @Test
    void aValueThatIsNotFineStopsItToo() throws Exception {
        List<SlowStart.Outcome<Integer>> out = SlowStart.run(upTo(1000), i -> i, v -> v != 0);

        assertThat(out).hasSize(1);
    }
}
