package io.paralleljob.model;

/**
 * spec.delivery, parsed: how items reach the command. PerItem starts the command once per item
 * (PJ_ITEM in its environment); Stream starts it once per worker slot and writes it one item per
 * line on stdin (see runner.StreamProtocol), so a command whose start-up dominates (an interpreter,
 * a model to load) pays it once per slot instead of once per item.
 */
public enum Delivery {
    PerItem, Stream;

    /** The value as the spec and the task file give it; null (absent) is PerItem. */
    public static Delivery of(String value) {
        return value == null ? PerItem : valueOf(value);
    }
}
