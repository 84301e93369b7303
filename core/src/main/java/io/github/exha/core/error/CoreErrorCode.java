package io.github.exha.core.error;

import static io.github.exha.core.error.ErrorCategory.INTERNAL;
import static io.github.exha.core.error.ErrorCategory.STATE;
import static io.github.exha.core.error.ErrorCategory.USER;

/** Error codes of the core module: kernel, runbook language, command binding and topology loading. */
public enum CoreErrorCode implements ErrorCode {
    // Kernel
    /** A lab was called from a thread other than the one that owns it. */
    WRONG_THREAD("core.wrong-thread", USER),
    /** Too many events ran without virtual time advancing: a zero-delay loop. */
    RUNAWAY_ZERO_DELAY("core.runaway-zero-delay", INTERNAL),
    /** An awaited operation can never complete: the simulation went idle first. */
    DEADLOCK("core.deadlock", STATE),
    /** An API argument is out of range or malformed (negative delay, instant in the past, blank name). */
    INVALID_ARGUMENT("core.invalid-argument", USER),
    /** A fault plan names a fault point that no component registered. */
    UNKNOWN_FAULT_POINT("core.unknown-fault-point", USER),
    /** An operation was completed or failed twice. */
    OPERATION_ALREADY_DONE("core.operation-already-done", INTERNAL),

    // Runbook syntax
    /** A string literal has no closing quote. */
    UNTERMINATED_STRING("core.runbook.unterminated-string", USER),
    /** A token appears where the grammar does not allow it. */
    UNEXPECTED_TOKEN("core.runbook.unexpected-token", USER),
    /** PowerShell syntax outside the runbook subset (script blocks, assignments, sub-expressions...). */
    UNSUPPORTED_SYNTAX("core.runbook.unsupported-syntax", USER),
    /** A pipe with nothing on one side: "An empty pipe element is not allowed." */
    EMPTY_PIPE_ELEMENT("core.runbook.empty-pipe-element", USER),
    /** An array literal or parameter list missing an element: "Missing argument in parameter list." */
    MISSING_ARGUMENT("core.runbook.missing-argument", USER),
    /** A control character or other character a runbook may not contain. */
    INVALID_CHARACTER("core.runbook.invalid-character", USER),
    /** The runbook is larger than exha accepts. */
    RUNBOOK_TOO_LARGE("core.runbook.too-large", USER),

    // Command binding
    /** "The term 'X' is not recognized as the name of a cmdlet..." */
    UNKNOWN_COMMAND("core.unknown-command", USER),
    /** "A parameter cannot be found that matches parameter name 'X'." */
    UNKNOWN_PARAMETER("core.unknown-parameter", USER),
    /** "Parameter cannot be processed because the parameter name 'X' is ambiguous." */
    AMBIGUOUS_PARAMETER("core.ambiguous-parameter", USER),
    /** "Cannot process command because of one or more missing mandatory parameters: A B." */
    MISSING_MANDATORY_PARAMETERS("core.missing-mandatory-parameters", USER),
    /** "Cannot bind parameter because parameter 'X' is specified more than once." */
    PARAMETER_SPECIFIED_TWICE("core.parameter-specified-twice", USER),
    /** "Missing an argument for parameter 'X'. Specify a parameter of type 'T' and try again." */
    MISSING_PARAMETER_ARGUMENT("core.missing-parameter-argument", USER),
    /** "Cannot bind parameter 'X'. Cannot convert value ..." */
    INVALID_PARAMETER_VALUE("core.invalid-parameter-value", USER),
    /** "A positional parameter cannot be found that accepts argument 'x'." */
    POSITIONAL_PARAMETER_NOT_FOUND("core.positional-parameter-not-found", USER),
    /** "The input object cannot be bound to any parameters for the command..." */
    PIPELINE_INPUT_NOT_ACCEPTED("core.pipeline-input-not-accepted", USER),
    /** A variable other than $true, $false and $null. */
    UNKNOWN_VARIABLE("core.unknown-variable", USER),
    /** Enter-PSSession names a computer the topology does not have. */
    UNKNOWN_HOST("core.unknown-host", USER),
    /** A command that needs a host session ran without Enter-PSSession. */
    NO_HOST_SESSION("core.no-host-session", USER),

    // Topology
    /** The topology file is not well-formed YAML. */
    TOPOLOGY_SYNTAX("core.topology.syntax", USER),
    /** A key no module declares; the message suggests the nearest valid key. */
    TOPOLOGY_UNKNOWN_KEY("core.topology.unknown-key", USER),
    /** A value of the wrong type (a list where a number belongs, text where a boolean belongs). */
    TOPOLOGY_TYPE_MISMATCH("core.topology.type-mismatch", USER),
    /** A required key is absent. */
    TOPOLOGY_MISSING_KEY("core.topology.missing-key", USER),
    /** A value of the right type that is out of range or inconsistent. */
    TOPOLOGY_INVALID_VALUE("core.topology.invalid-value", USER),
    /** The same key twice in one mapping. */
    TOPOLOGY_DUPLICATE_KEY("core.topology.duplicate-key", USER),
    /** The document is too large, too deep or uses too many aliases. */
    TOPOLOGY_TOO_LARGE("core.topology.too-large", USER),

    // Files and runs
    /** A runbook or topology file cannot be read. */
    FILE_NOT_READABLE("core.file-not-readable", USER),
    /** Something in exha failed unexpectedly; always a bug. */
    INTERNAL_ERROR("core.internal-error", INTERNAL),
    /** A command was refused because the simulated world is not in a state that allows it. */
    INVALID_STATE("core.invalid-state", STATE);

    private final String id;
    private final ErrorCategory category;

    CoreErrorCode(String id, ErrorCategory category) {
        this.id = id;
        this.category = category;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ErrorCategory category() {
        return category;
    }
}
