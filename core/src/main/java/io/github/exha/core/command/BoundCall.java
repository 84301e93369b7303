package io.github.exha.core.command;

import io.github.exha.core.runbook.CommandCall;
import java.util.Objects;
import java.util.Optional;

/**
 * One command of a runbook, resolved and bound before the runbook runs.
 *
 * @param call the command as written
 * @param command the command it resolved to
 * @param arguments the arguments written in the runbook, converted
 * @param pipelineParameter the parameter pipeline input binds to, if this command is fed by a pipe and has one
 */
public record BoundCall(CommandCall call, Command command, Arguments arguments,
        Optional<ParameterDescriptor> pipelineParameter) {
    public BoundCall {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(pipelineParameter, "pipelineParameter");
    }
}
