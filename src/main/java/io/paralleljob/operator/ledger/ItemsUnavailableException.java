package io.paralleljob.operator.ledger;

/**
 * What spec.itemsFrom names is not there yet (a ConfigMap not created, a job still running). Not
 * an invalid spec: the user fixes it outside the job, which no event announces, so the
 * reconciliation fails with this message in status and the framework tries again with backoff.
 */
public final class ItemsUnavailableException extends RuntimeException {
    public ItemsUnavailableException(String message) {
        super(message);
    }
}
