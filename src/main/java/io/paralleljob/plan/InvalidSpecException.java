package io.paralleljob.plan;

/** A job that cannot run as written; the message names the field, e.g. "spec.parallelism: must be at least 1". */
public class InvalidSpecException extends RuntimeException {
    private final String field;

    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** The Failed condition's reason when a job is refused for it. */
    public String reason() {
        return "InvalidSpec";
    }
}
