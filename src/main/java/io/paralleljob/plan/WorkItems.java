package io.paralleljob.plan;

import io.paralleljob.model.PodTask;
import io.paralleljob.model.WorkItem;
import java.util.AbstractList;
import java.util.List;

/**
 * The expanded work list: explicit strings, or the integers of a range computed on demand so a
 * large range costs nothing until an item is asked for. The one item lookup: the planner, local
 * mode and the runner (reading a task file) all go through it.
 */
public final class WorkItems {
    private final List<String> explicit;
    private final long rangeStart;
    private final int size;

    private WorkItems(List<String> explicit, long rangeStart, int size) {
        this.explicit = explicit;
        this.rangeStart = rangeStart;
        this.size = size;
    }

    public static WorkItems of(List<String> items) {
        return new WorkItems(List.copyOf(items), 0, items.size());
    }

    public static WorkItems range(long start, int size) {
        return new WorkItems(null, start, size);
    }

    /** The items a task file carries: its list, or its range's start and size. */
    public static WorkItems from(PodTask task) {
        return task.items() != null ? of(task.items()) : range(task.rangeStart(), task.total());
    }

    /** The list as a task file carries it; null for a range. */
    public List<String> explicit() {
        return explicit;
    }

    /** Where a range starts, as a task file carries it; null for an explicit list. */
    public Long rangeStart() {
        return explicit != null ? null : rangeStart;
    }

    public int size() {
        return size;
    }

    public String get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return explicit != null ? explicit.get(index) : Long.toString(rangeStart + index);
    }

    public WorkItem item(int index) {
        return new WorkItem(index, get(index));
    }

    /**
     * The items at these indexes, made as they are read: a runner reads them one at a time as its
     * threads get free, so a shard of a large range holds its index list, not an object per item.
     */
    public List<WorkItem> select(List<Integer> indexes) {
        List<Integer> chosen = List.copyOf(indexes);
        return new AbstractList<>() {
            @Override
            public WorkItem get(int position) {
                return item(chosen.get(position));
            }

            @Override
            public int size() {
                return chosen.size();
            }
        };
    }
}
