package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paralleljob.plan.InvalidSpecException;
import java.util.Optional;

/**
 * Accepts exactly the ParallelJobs {@code kubectl apply} would: metadata as the API server checks
 * it, the CRD's schema, then the CRD's CEL rules. The first problem is thrown, naming the field.
 * Built on first use (schema compiled, CEL environment made): {@code run --help} never pays for it.
 */
public final class ResourceValidator {
    private final SchemaCheck schema;
    private final CelRules rules;
    private final JsonNode crdRoot;

    private ResourceValidator(CrdSchema crd) {
        this.crdRoot = crd.root();
        this.schema = new SchemaCheck(crd);
        this.rules = new CelRules(crd);
    }

    public static ResourceValidator forCrd(CrdSchema crd) {
        return new ResourceValidator(crd);
    }

    /** The validator for the CRD packaged into the jar. */
    public static ResourceValidator packaged() {
        return Packaged.VALIDATOR;
    }

    private static final class Packaged {
        static final ResourceValidator VALIDATOR = new ResourceValidator(CrdSchema.packaged());
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
                .or(() -> rules.firstProblem(created));
        if (problem.isPresent()) {
            Problem p = problem.get();
            throw new InvalidSpecException(p.path().isRoot() ? "(document)" : p.path().toString(), p.message());
        }
    }
}
