package io.paralleljob.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each item's latest outcome, whatever order the rows arrive in (chunks are listed in no set order). */
class LatestResultsTest {
    private static ItemRun run(int index, int exit) {
        return new ItemRun(index, "i" + index, exit, "o" + exit, null, null, 0, 1, null, 1, 0);
    }

    @Test
    void theHighestRankWinsWhateverTheOrder() {
        LatestResults latest = new LatestResults();
        latest.offer(run(1, 0), 30); // a rerun's success, read first
        latest.offer(run(1, 7), 10); // the first run's failure, read later
        latest.offer(run(0, 3), 5);
        latest.offer(run(0, 4), 5); // same rank: the later read wins (lines of one chunk never repeat an index)
        List<ItemRun> rows = new ArrayList<>();
        latest.forEach(false, rows::add);
        assertThat(rows).extracting(ItemRun::index, ItemRun::exitCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 4), org.assertj.core.groups.Tuple.tuple(1, 0));
        assertThat(latest.rowsRead()).isEqualTo(4);
        assertThat(latest.failed()).isOne();
        List<ItemRun> failed = new ArrayList<>();
        latest.forEach(true, failed::add);
        assertThat(failed).extracting(ItemRun::index).containsExactly(0);
    }
}
