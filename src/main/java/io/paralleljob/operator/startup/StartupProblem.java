package io.paralleljob.operator.startup;

/** Why the operator cannot start, in one line: the cause and what to do about it. */
public record StartupProblem(String message) {
}
