package io.paralleljob.plan;

import io.paralleljob.api.ItemsFrom;

/**
 * Where {@code spec.itemsFrom} gets its items. The validator checks everything else itself; only
 * the backend knows where to look: local mode reads a file next to the job file, the operator a
 * ConfigMap or an earlier job's results, and a started job its own frozen task.
 */
@FunctionalInterface
public interface ItemSource {
    /**
     * @throws InvalidSpecException naming the field when the items cannot be had (no such
     *         ConfigMap or key, an empty list, a job with nothing to rerun)
     */
    ResolvedItems resolve(ItemsFrom from);

    /** For a caller that has nowhere to look: itemsFrom is refused with the reason. */
    static ItemSource none(String why) {
        return from -> {
            throw new InvalidSpecException("spec.itemsFrom", why);
        };
    }
}
