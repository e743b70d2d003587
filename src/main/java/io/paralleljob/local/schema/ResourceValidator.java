package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paralleljob.plan.InvalidSpecException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Accepts exactly the ParallelJobs {@code kubectl apply} would: metadata as the API server checks
 * it, the CRD's schema, then the CRD's CEL rules. The first problem is thrown, naming the field.
 * Built on first use (schema compiled, CEL environment made): {@code run --help} never pays for it.
 */
public final class ResourceValidator {
    private final SchemaCheck schema;
    /** CEL's classes take most of the validator's start-up (about 1500 of them): compiled on a second thread. */
    private final CompletableFuture<CelRules> rules;
    private final JsonNode crdRoot;

    private ResourceValidator(CrdSchema crd) {
        this.crdRoot = crd.root();
        this.rules = new CompletableFuture<>();
        Thread compile = new Thread(() -> {
            try {
                rules.complete(new CelRules(crd));
            } catch (RuntimeException | LinkageError e) {
                rules.completeExceptionally(e);
            }
        }, "pj-cel-rules");
        compile.setDaemon(true);
        compile.start();
        this.schema = new SchemaCheck(crd);
    }

    public static ResourceValidator forCrd(CrdSchema crd) {
        return new ResourceValidator(crd);
    }

    /** The validator for the CRD packaged into the jar. */
    public static ResourceValidator packaged() {
        return Packaged.VALIDATOR;
    }

    /**
     * Starts building the packaged validator on a background thread, so that it is ready, or
     * nearly, when the job file has been read: reading YAML and building the validator each take
     * a few hundred milliseconds of class loading, and there is a second core.
     */
    public static void preload() {
        // Two threads: CEL's environment does not need the CRD, so its class loading starts at once.
        for (Runnable r : new Runnable[] {CelRule::warmUp, ResourceValidator::packaged}) {
            Thread t = new Thread(r, "pj-validator-preload");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final class Packaged {
        static final ResourceValidator VALIDATOR = new ResourceValidator(CrdSchema.packaged());
    }

    private CelRules rules() {
        try {
            return rules.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The resource as the API server validates it when it is created: status is the operator's and
     * ignored, and a null field that is not nullable is dropped.
     */
    private ObjectNode asCreated(ObjectNode resource) {
        ObjectNode created = resource.deepCopy();
        created.remove("status");
        KubernetesNulls.prune(created, crdRoot);
        return created;
    }

    /** @throws InvalidSpecException naming the first field the API server would refuse */
    public void check(JsonNode resource) {
        if (!(resource instanceof ObjectNode)) {
            throw new InvalidSpecException("(document)", "expected a ParallelJob object");
        }
        ObjectNode created = asCreated((ObjectNode) resource);
        Optional<Problem> problem = ObjectMetaCheck.firstProblem(created)
                .or(() -> schema.firstProblem(created))
                .or(() -> rules().firstProblem(created));
        if (problem.isPresent()) {
            Problem p = problem.get();
            throw new InvalidSpecException(p.path().isRoot() ? "(document)" : p.path().toString(), p.message());
        }
    }
}
