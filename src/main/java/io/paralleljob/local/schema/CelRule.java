package io.paralleljob.local.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One x-kubernetes-validations rule, ready to run: evaluated with {@code self} bound to the value it
 * is declared on, as the API server evaluates it. The API server also type-checks a rule against
 * the schema when the CRD is applied; here the rule is only parsed and {@code self} is dynamic (the
 * schema check runs first, so the values have the schema's types). Skipping the type-checker and
 * evaluating with CEL's planner runtime saves about a quarter of CEL's start-up, which every run pays; a
 * rule that names an unknown function still fails, when it is planned (CrdRulesTest plans them all).
 */
public final class CelRule {
    /** A rule that reads oldSelf compares with the stored object: the API server applies it to updates only. */
    private static final Pattern OLD_SELF = Pattern.compile("(?<![\\w.])oldSelf\\b");

    private final String expression;
    private final JsonNode declaration;
    private final dev.cel.runtime.Program program;

    private CelRule(String expression, JsonNode declaration, dev.cel.runtime.Program program) {
        this.expression = expression;
        this.declaration = declaration;
        this.program = program;
    }

    /**
     * @param declaration an entry of x-kubernetes-validations: rule, message, messageExpression, fieldPath
     * @throws IllegalArgumentException when the rule does not compile
     */
    public static CelRule of(JsonNode declaration) {
        String expression = declaration.path("rule").asText();
        return new CelRule(expression, declaration, compile(expression));
    }

    public String expression() {
        return expression;
    }

    public boolean isTransitionRule() {
        return OLD_SELF.matcher(expression).find();
    }

    /** The rule's fieldPath ({@code .spec}), or "" when it speaks of the value it is declared on. */
    public String fieldPath() {
        return declaration.path("fieldPath").asText("");
    }

    /**
     * @param self the value, as {@link CelValues} makes it
     * @param oldSelf the stored value for a transition rule, else null
     * @return whether the value keeps the rule
     * @throws IllegalStateException when the rule cannot be evaluated (the API server rejects the object then too)
     */
    public boolean holds(Object self, Object oldSelf) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("self", self);
        if (oldSelf != null) {
            vars.put("oldSelf", oldSelf);
        }
        try {
            return Boolean.TRUE.equals(program.eval(vars));
        } catch (CelEvaluationException e) {
            throw new IllegalStateException("rule " + expression + " could not be evaluated: " + e.getMessage(), e);
        }
    }

    /** What the API server says when the rule fails: its message, its messageExpression, or the rule itself. */
    public String message(Object self) {
        String expr = declaration.path("messageExpression").asText("");
        if (!expr.isEmpty()) {
            try {
                Object m = compile(expr).eval(Map.of("self", self));
                if (m instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException | IllegalArgumentException e) {
                // as the API server does: a messageExpression that fails falls back to message
            }
        }
        String message = declaration.path("message").asText("");
        return message.isEmpty() ? "failed rule: " + expression : message;
    }

    private static dev.cel.runtime.Program compile(String expression) {
        try {
            CelAbstractSyntaxTree ast = Cel.PARSER.parse(expression).getAst();
            return Cel.RUNTIME.createProgram(ast);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException("rule " + expression + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Loads and builds the CEL environment, the slow part of the first compile (about 1500 classes). */
    static void warmUp() {
        compile("true");
    }

    /** The CEL environment, built on first use: a run with no rule to evaluate never loads CEL. */
    private static final class Cel {
        static final dev.cel.parser.CelParser PARSER = dev.cel.parser.CelParserFactory.standardCelParserBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .build();
        static final CelRuntime RUNTIME = CelRuntimeFactory.plannerRuntimeBuilder()
                .addLibraries(CelExtensions.strings())
                .build();
    }
}
