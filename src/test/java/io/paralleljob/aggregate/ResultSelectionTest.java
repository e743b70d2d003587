package io.paralleljob.aggregate;

import static io.paralleljob.aggregate.Runs.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.paralleljob.api.ItemResult;
import io.paralleljob.model.ItemRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResultSelectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 5000 items: every 50th failed with a 1 KB stderr tail, every 3rd printed 4 KB. */
    static List<ItemRun> bigJob() {
        String big = "x".repeat(4096);
        String err = "e".repeat(1000);
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            runs.add(i % 50 == 7
                    ? new ItemRun(i, "item-" + i, 1, "", err, null, T0, 100, 10L, 1, i % 8)
                    : new ItemRun(i, "item-" + i, 0, i % 3 == 0 ? big : "ok", null, null, T0, 100, 10L, 1, i % 8));
        }
        Collections.shuffle(runs, new Random(1));
        return runs;
    }

    @Test
    void smallJobsListEveryResultByIndex() {
        List<ItemRun> runs = new ArrayList<>(List.of(Runs.ok(2, T0, 5), Runs.failed(0, 1, "boom"), Runs.ok(1, T0, 5)));
        ResultSelection.Selected s = ResultSelection.select(runs);

        assertThat(s.omitted()).isZero();
        assertThat(s.results()).extracting(ItemResult::getIndex).containsExactly(0L, 1L, 2L);
        ItemResult failed = s.results().get(0);
        assertThat(failed.getExitCode()).isEqualTo(1);
        assertThat(failed.getStderr()).isEqualTo("boom");
        assertThat(s.results().get(1).getOutput()).isEqualTo("out-1");
        assertThat(s.results().get(1).getItem()).isEqualTo("item-1");
    }

    @Test
    void aHugeJobIsBoundedWithFailedItemsFirst() throws Exception {
        List<ItemRun> runs = bigJob();
        ResultSelection.Selected s = ResultSelection.select(runs);
        List<ItemResult> results = s.results();

        assertThat(results).hasSizeLessThanOrEqualTo(ResultSelection.MAX_RESULTS).isNotEmpty();
        assertThat(s.omitted()).isEqualTo(5000 - results.size()).isPositive();
        assertThat(results).extracting(ItemResult::getIndex).isSorted().doesNotHaveDuplicates();

        // every one of the 100 failed items is there
        assertThat(results.stream().filter(r -> r.getExitCode() != 0).map(ItemResult::getIndex).toList())
                .hasSize(100)
                .allSatisfy(i -> assertThat(i % 50).isEqualTo(7));
        // the successes kept are the first ones by index, with no gap
        List<Long> okIndexes = results.stream().filter(r -> r.getExitCode() == 0).map(ItemResult::getIndex).toList();
        List<Long> expected = new ArrayList<>();
        for (long i = 0; expected.size() < okIndexes.size(); i++) {
            if (i % 50 != 7) {
                expected.add(i);
            }
        }
        assertThat(okIndexes).isEqualTo(expected);

        // what would land in status stays within the size budget
        int bytes = JSON.writeValueAsBytes(results).length;
        assertThat(bytes).isLessThanOrEqualTo(ResultSelection.MAX_BYTES);
        assertThat(bytes).as("the budget is used, not wasted").isGreaterThan(ResultSelection.MAX_BYTES / 2);
    }

    @Test
    void manySmallResultsStopAtTheCountLimit() {
        List<ItemRun> runs = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            runs.add(Runs.ok(i, T0, 1));
        }
        ResultSelection.Selected s = ResultSelection.select(runs);

        assertThat(s.results()).hasSize(ResultSelection.MAX_RESULTS);
        assertThat(s.results().get(999).getIndex()).isEqualTo(999);
        assertThat(s.omitted()).isEqualTo(4000);
    }
}
