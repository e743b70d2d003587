package io.paralleljob.results;

/** The results cannot be read (no such file or job, no ledger yet, a bad chunk): one line, exit 1. */
final class ResultsUnreadable extends RuntimeException {
    ResultsUnreadable(String message) {
        super(message);
    }
}
