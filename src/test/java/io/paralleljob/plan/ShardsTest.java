package io.paralleljob.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.paralleljob.model.WorkItem;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardsTest {

    private static List<WorkItem> items(int n) {
        return IntStream.range(0, n).mapToObj(i -> new WorkItem(i, "v" + i)).toList();
    }

    @Test
    void itemsAreStridedOverShardsAndNoneIsLost() {
        List<List<WorkItem>> shards = Shards.split(items(7), 3);

        assertThat(shards).hasSize(3);
        assertThat(shards.get(0)).extracting(WorkItem::index).containsExactly(0, 3, 6);
        assertThat(shards.get(1)).extracting(WorkItem::index).containsExactly(1, 4);
        assertThat(shards.get(2)).extracting(WorkItem::index).containsExactly(2, 5);
    }

    @Test
    void neverMoreShardsThanItems() {
        assertThat(Shards.split(items(2), 10)).hasSize(2).allSatisfy(s -> assertThat(s).hasSize(1));
    }
}
