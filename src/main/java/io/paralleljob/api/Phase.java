package io.paralleljob.api;

/** status.phase values. */
public enum Phase {
    Pending, Running, Succeeded, Failed;

    public boolean finished() {
        return this == Succeeded || this == Failed;
    }
}
