package io.paralleljob.model;

/** Counts in messages a person reads: "1 item", "2 items", never "1 items". */
public final class Words {
    private Words() {
    }

    /** {@code count(1, "item")} is "1 item", {@code count(3, "item")} is "3 items". */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** For a plural that is not singular + "s": {@code count(2, "runner process", "runner processes")}. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
