package io.paralleljob.plan;

import java.util.List;

/**
 * The work list itemsFrom names.
 *
 * @param items   the whole list, indexes as they were given
 * @param runOnly the indexes to run (a rerun of an earlier job's failures), sorted; null for all
 */
public record ResolvedItems(WorkItems items, List<Integer> runOnly) {
    public ResolvedItems {
        runOnly = runOnly == null ? null : List.copyOf(runOnly);
    }

    public static ResolvedItems all(WorkItems items) {
        return new ResolvedItems(items, null);
    }
}
