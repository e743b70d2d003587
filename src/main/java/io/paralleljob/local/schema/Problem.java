package io.paralleljob.local.schema;

/**
 * One thing wrong with a resource: the field and, in plain words, what is wrong with it.
 *
 * @param rank which of several problems to tell first: an unknown field (a typo) explains the
 *     missing field next to it, so it ranks before it
 */
record Problem(FieldPath path, String message, int rank) {
    static final int UNKNOWN_FIELD = 0;
    static final int WRONG_TYPE = 1;
    static final int WRONG_VALUE = 2;
    static final int MISSING = 3;
}
