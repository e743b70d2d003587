package io.paralleljob.plan;

/**
 * What whoever runs jobs allows a spec to take from its namespace: the validator enforces it, the
 * runner of the jobs (the operator's settings, local mode) chooses it. Kept here, as a value, so
 * plan does not depend on any backend's configuration.
 *
 * @param allowSecretEnv  let {@code env[].valueFrom.secretKeyRef} through. Off by default: an item's
 *                        command can print its environment into the job's status, so anyone who may
 *                        create a job could read every Secret of the namespace through it
 * @param howToAllowSecretEnv the setting that allows it, in the refusal's words (e.g. the operator's
 *                        property, environment variable and Helm value)
 */
public record SpecPolicy(boolean allowSecretEnv, String howToAllowSecretEnv) {
    /** Secrets refused; nothing says how to allow them (a backend that cannot read Secrets at all). */
    public static final SpecPolicy STRICT = new SpecPolicy(false, null);
}
