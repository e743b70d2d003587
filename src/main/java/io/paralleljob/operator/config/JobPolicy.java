package io.paralleljob.operator.config;

import io.paralleljob.plan.SpecPolicy;

/** The operator's settings as the spec validator's policy, with the refusal naming every way to change them. */
public final class JobPolicy {
    static final String ALLOW_SECRET_ENV = "the operator runs with paralleljob.allow-secret-env=true "
            + "(environment PARALLELJOB_ALLOW_SECRET_ENV, Helm value worker.allowSecretEnv)";

    private JobPolicy() {
    }

    /** For a job that has not started yet. */
    public static SpecPolicy forNewJobs(OperatorSettings settings) {
        return new SpecPolicy(settings.allowSecretEnv(), ALLOW_SECRET_ENV);
    }

    /**
     * For a started job's frozen spec: it was accepted under the policy in force when it started, and
     * its running pods already have what it asked for; refusing it now would strand them.
     */
    public static SpecPolicy forStartedJobs() {
        return new SpecPolicy(true, ALLOW_SECRET_ENV);
    }
}
