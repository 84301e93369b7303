/**
 * The command framework: what a runbook command is ({@link io.github.exha.core.command.Command} and its
 * {@link io.github.exha.core.command.CommandDescriptor}), how runbook text binds to its parameters with PowerShell's
 * rules and messages ({@link io.github.exha.core.command.CommandBinder}), and how output objects are shown
 * ({@link io.github.exha.core.command.PsObject}, {@link io.github.exha.core.command.OutputFormatter}).
 */
package io.github.exha.core.command;
