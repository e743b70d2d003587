package io.paralleljob.plan;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.paralleljob.api.Limits;
import io.paralleljob.api.ParallelJob;
import io.paralleljob.api.ParallelJobSpec;
import io.paralleljob.api.WorkerTemplate;
import io.paralleljob.api.Workload;
import io.paralleljob.model.Delivery;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a ParallelJob and turns it into a {@link JobPlan}. Local mode and the reconciler both
 * call this, because the API server may not enforce the CRD schema (an old CRD, a test server):
 * the first problem found is reported with the field's path.
 */
public final class SpecValidator {
    /** Upper bounds that keep a typo (an extra zero) from becoming a runaway job; the CRD has the same. */
    public static final int MAX_ITEMS = Limits.MAX_ITEMS;
    public static final int MAX_PARALLELISM = Limits.MAX_PARALLELISM;
    public static final int MAX_RETRIES = Limits.MAX_RETRIES;
    /** Pod names ("NAME-probe-12") and label values (at most 63 characters) derive from the job's name. */
    public static final int MAX_NAME_LENGTH = Limits.MAX_NAME_LENGTH;
    /** Linux's limit on one environment string (MAX_ARG_STRLEN, 128 KiB), less "PJ_ITEM=" and the final NUL. */
    public static final int MAX_ITEM_BYTES = 128 * 1024 - "PJ_ITEM=".length() - 1;

    /** What Kubernetes accepts as an environment variable name. */
    private static final java.util.regex.Pattern ENV_NAME = java.util.regex.Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private SpecValidator() {
    }

    /** With {@link SpecPolicy#STRICT}: a spec that reads a Secret is refused. */
    public static JobPlan validate(ParallelJob job) {
        return validate(job, SpecPolicy.STRICT);
    }

    /** @param policy what the backend that will run the job allows (Secrets in the environment) */
    public static JobPlan validate(ParallelJob job, SpecPolicy policy) {
        return validate(job, policy, ItemSource.none("is not available here: give the items in spec.items or "
                + "spec.range"));
    }

    /**
     * @param policy what the backend that will run the job allows (Secrets in the environment)
     * @param source where spec.itemsFrom's items are found
     */
    public static JobPlan validate(ParallelJob job, SpecPolicy policy, ItemSource source) {
        if (job.getMetadata() == null || blank(job.getMetadata().getName())) {
            throw new InvalidSpecException("metadata.name", "is required");
        }
        if (job.getMetadata().getName().length() > MAX_NAME_LENGTH) {
            throw new InvalidSpecException("metadata.name", "is longer than " + MAX_NAME_LENGTH
                    + " characters; worker pod names and labels are built from it");
        }
        ParallelJobSpec spec = job.getSpec();
        if (spec == null) {
            throw new InvalidSpecException("spec", "is required");
        }
        Workload workload = workload(spec.getWorkload());
        int parallelism = bounded("spec.parallelism", spec.getParallelism(), JobPlan.DEFAULT_PARALLELISM, 1,
                MAX_PARALLELISM);
        int retries = bounded("spec.retries", spec.getRetries(), JobPlan.DEFAULT_RETRIES, 0, MAX_RETRIES);
        int backoffLimit = bounded("spec.backoffLimit", spec.getBackoffLimit(), JobPlan.DEFAULT_BACKOFF_LIMIT, 0,
                MAX_RETRIES);
        Long deadline = seconds("spec.activeDeadlineSeconds", spec.getActiveDeadlineSeconds());
        Long itemTimeout = seconds("spec.itemTimeoutSeconds", spec.getItemTimeoutSeconds());
        Delivery delivery = delivery(spec.getDelivery());
        ResolvedItems items = WorkListCheck.of(spec, source);
        if (delivery == Delivery.Stream) {
            StreamItemsCheck.check(spec, items);
        }
        WorkerTemplate template = spec.getTemplate();
        if (template == null) {
            throw new InvalidSpecException("spec.template", "is required (it says what runs for each item)");
        }
        List<String> argv = argv(template);
        resources(template.getResources());
        List<EnvVar> env = env(template.getEnv(), policy);
        PodFieldsCheck.check(template, policy);
        return new JobPlan(job.getMetadata().getName(), workload, parallelism, items.items(), argv, env,
                blank(template.getWorkingDir()) ? null : template.getWorkingDir(), retries, backoffLimit, deadline,
                itemTimeout, items.runOnly(), delivery);
    }

    private static Delivery delivery(String value) {
        if (value == null) {
            return Delivery.PerItem;
        }
        for (Delivery d : Delivery.values()) {
            if (d.name().equals(value)) {
                return d;
            }
        }
        throw new InvalidSpecException("spec.delivery",
                "unknown value '" + value + "' (expected one of " + Arrays.toString(Delivery.values()) + ")");
    }

    private static Workload workload(String value) {
        if (value == null) {
            return Workload.Auto;
        }
        for (Workload w : Workload.values()) {
            if (w.name().equals(value)) {
                return w;
            }
        }
        throw new InvalidSpecException("spec.workload",
                "unknown value '" + value + "' (expected one of " + Arrays.toString(Workload.values()) + ")");
    }

    /** A duration in seconds, bounded so that no arithmetic on it (millis, nanos) overflows. */
    private static Long seconds(String field, Long value) {
        if (value != null && (value < 1 || value > Limits.MAX_SECONDS)) {
            throw new InvalidSpecException(field, "must be between 1 and " + Limits.MAX_SECONDS + " (got " + value + ")");
        }
        return value;
    }

    private static int bounded(String field, Integer value, int dflt, int min, int max) {
        if (value == null) {
            return dflt;
        }
        if (value < min || value > max) {
            throw new InvalidSpecException(field, "must be between " + min + " and " + max + " (got " + value + ")");
        }
        return value;
    }

    private static List<String> argv(WorkerTemplate template) {
        List<String> command = template.getCommand();
        if (command == null || command.isEmpty()) {
            throw new InvalidSpecException("spec.template.command", "is required: the program to run for each item");
        }
        List<String> args = template.getArgs() == null ? List.of() : template.getArgs();
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i) == null || (i == 0 && blank(command.get(0)))) {
                throw new InvalidSpecException("spec.template.command[" + i + "]", "is empty");
            }
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) == null) {
                throw new InvalidSpecException("spec.template.args[" + i + "]", "is null");
            }
        }
        noNul("spec.template.command", command);
        noNul("spec.template.args", args);
        return java.util.stream.Stream.concat(command.stream(), args.stream()).toList();
    }

    private static List<EnvVar> env(List<EnvVar> env, SpecPolicy policy) {
        if (env == null) {
            return List.of();
        }
        for (int i = 0; i < env.size(); i++) {
            EnvVar var = env.get(i);
            if (var == null || blank(var.getName())) {
                throw new InvalidSpecException("spec.template.env[" + i + "].name", "is required");
            }
            if (!ENV_NAME.matcher(var.getName()).matches()) {
                throw new InvalidSpecException("spec.template.env[" + i + "].name", "'" + var.getName()
                        + "' is not a valid variable name (letters, digits, '_', '-', '.'; not starting with a digit)");
            }
            if (var.getName().startsWith("PJ_ITEM")) {
                throw new InvalidSpecException("spec.template.env[" + i + "].name",
                        "'" + var.getName() + "' is reserved: the runner sets PJ_ITEM and PJ_ITEM_INDEX");
            }
            if (var.getValue() != null && var.getValue().indexOf('\0') >= 0) {
                throw new InvalidSpecException("spec.template.env[" + i + "].value",
                        "contains a NUL character, which no environment variable can hold");
            }
            valueFrom("spec.template.env[" + i + "].valueFrom", var.getValueFrom(), policy);
        }
        return List.copyOf(env);
    }

    /**
     * Where a variable's value may come from. A job's items print what they like into its status,
     * so a value from the namespace is as readable as the job: a Secret only when the policy says
     * so; a ConfigMap key always (Kubernetes keeps nothing confidential there: ConfigMaps are not
     * encrypted at rest and are readable by the operator itself); the pod's own fields and
     * resources always (nothing beyond the pod). Any other source (fileKeyRef, one a newer API adds)
     * is refused: what it could read is not known here.
     */
    private static void valueFrom(String field, EnvVarSource from, SpecPolicy policy) {
        if (from == null) {
            return;
        }
        if (from.getSecretKeyRef() != null && !policy.allowSecretEnv()) {
            throw new InvalidSpecException(field + ".secretKeyRef", "reads a Secret into the items' environment, "
                    + "where any command can print it into the job's status; refused"
                    + (policy.howToAllowSecretEnv() == null ? "" : " unless " + policy.howToAllowSecretEnv())
                    + "; give a literal value instead (or, in a cluster, a ConfigMap key: configMapKeyRef)");
        }
        if (from.getFileKeyRef() != null) {
            throw new InvalidSpecException(field + ".fileKeyRef", "is not supported: worker pods mount no volume "
                    + "of the job's; use value, configMapKeyRef, fieldRef or resourceFieldRef");
        }
        if (from.getAdditionalProperties() != null && !from.getAdditionalProperties().isEmpty()) {
            throw new InvalidSpecException(field + "." + from.getAdditionalProperties().keySet().iterator().next(),
                    "is not supported; use value, configMapKeyRef, fieldRef or resourceFieldRef");
        }
    }

    /** A NUL ends a C string: no program argument can hold one, and the process would not start. */
    private static void noNul(String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).indexOf('\0') >= 0) {
                throw new InvalidSpecException(field + "[" + i + "]", "contains a NUL character, which no program "
                        + "argument can hold");
            }
        }
    }

    /** Quantities the API server would refuse ("lots", "1.5.5") fail here, with the field named. */
    private static void resources(io.fabric8.kubernetes.api.model.ResourceRequirements r) {
        if (r == null) {
            return;
        }
        checkQuantities("spec.template.resources.requests", r.getRequests());
        checkQuantities("spec.template.resources.limits", r.getLimits());
    }

    private static void checkQuantities(String field, java.util.Map<String, io.fabric8.kubernetes.api.model.Quantity> q) {
        if (q == null) {
            return;
        }
        q.forEach((name, quantity) -> {
            try {
                io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(quantity);
            } catch (RuntimeException e) {
                throw new InvalidSpecException(field + "." + name, "'" + quantity + "' is not a quantity (e.g. 500m, 2, 1Gi)");
            }
        });
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
