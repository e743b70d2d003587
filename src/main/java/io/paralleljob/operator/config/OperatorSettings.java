package io.paralleljob.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The operator's own settings (application.properties, or environment variables such as PARALLELJOB_RUNNER_IMAGE). */
@ConfigMapping(prefix = "paralleljob")
public interface OperatorSettings {
    /** Image whose /opt/paralleljob holds the self-contained runner the init container copies into worker pods. */
    @WithDefault("paralleljob/runner:0.1.0")
    String runnerImage();

    /**
     * Secrets (by name, in each job's namespace) every worker pod pulls with, for a runner image in
     * a private registry; added to the template's own imagePullSecrets.
     */
    Optional<java.util.List<String>> runnerImagePullSecrets();

    /** Keep finished worker pods (for their logs) after the job finishes, instead of deleting them then, in one request. */
    @WithDefault("false")
    boolean keepFinishedPods();

    /**
     * Least time between two status writes of a running job that only report progress (counts,
     * results, timing). Phase and condition changes are written at once. 0 writes every change.
     */
    @WithDefault("1000")
    long statusIntervalMillis();

    /** UID worker containers run as: the restricted Pod Security profile forbids root. */
    @WithDefault("65532")
    long workerRunAsUser();

    /**
     * How many running worker pods' log streams the operator follows for live progress (all jobs
     * together); pods beyond it report when they end. 0 turns live progress off.
     */
    @WithDefault("100")
    int progressMaxFollowedPods();

    /**
     * Let job specs read Secrets into their items' environment (env[].valueFrom.secretKeyRef). Off by
     * default: an item's command can print its environment into the job's status, so whoever may
     * create a ParallelJob in a namespace could read every Secret of it. Turn it on only where all who
     * may create jobs may read the namespace's Secrets anyway. It applies to jobs that start after
     * it is set: a started job runs the spec it was accepted with.
     */
    @WithDefault("false")
    boolean allowSecretEnv();

    Worker worker();

    Lease leaderElection();

    /** The Lease replicas compete for. */
    interface Lease {
        @WithDefault("parallel-job-operator-lease")
        String leaseName();

        /** Default: the namespace the operator runs in. */
        Optional<String> leaseNamespace();

        @WithDefault("15")
        int leaseDurationSeconds();

        @WithDefault("10")
        int renewDeadlineSeconds();

        @WithDefault("2000")
        int retryPeriodMillis();

        /** Default: the pod's name (HOSTNAME). */
        Optional<String> identity();

        /**
         * A leader that loses its Lease exits, so Kubernetes restarts it as a clean standby
         * (half-finished work in its memory is not trusted). Tests that stop a leader in-process turn this off.
         */
        @WithDefault("true")
        boolean exitOnStopLeading();
    }

    /** Resources for worker containers whose template sets none. */
    interface Worker {
        @WithDefault("250m")
        String cpuRequest();

        @WithDefault("256Mi")
        String memoryRequest();

        Optional<String> cpuLimit();

        @WithDefault("1Gi")
        String memoryLimit();
    }
}
