package io.github.exha.core.error;

/** Who is at fault when an {@link ExhaException} is raised, which decides how a front end reports it. */
public enum ErrorCategory {
    /** Bad input: a runbook, topology file or API argument the user can correct. */
    USER,
    /** The operation is valid but not in the simulated world's current state (the real product refuses it too). */
    STATE,
    /** A defect or a broken invariant inside exha itself. */
    INTERNAL
}
