package io.paralleljob.api;

/** spec.workload, parsed. */
public enum Workload {
    Auto, IOBound, CPUBound;

    /** The fan-out an explicit workload implies; Auto has none until it has measured. */
    public Strategy strategy() {
        return switch (this) {
            case IOBound -> Strategy.Threads;
            case CPUBound -> Strategy.Pods;
            case Auto -> null;
        };
    }
}
