package io.github.exha.core.command;

/**
 * A runbook command: a cmdlet ({@code Move-ClusteredMailboxServer}) or a native program ({@code setup.com}).
 * Modules contribute commands through a Guice {@code Multibinder<Command>}; a command gets the world it acts on
 * through constructor injection and the invocation through {@link CommandContext}.
 */
public interface Command {
    /** The command's name, syntax and parameters. */
    CommandDescriptor descriptor();

    /**
     * Runs the command once: once per pipeline input object when it has one, else once. Refusals are thrown as
     * {@link io.github.exha.core.error.ExhaException} with the real product's message, before anything changes.
     *
     * @param context output, confirmation, the session host and virtual time
     * @param arguments the bound parameter values
     */
    void invoke(CommandContext context, Arguments arguments);

    /**
     * Checks argument combinations that PowerShell's parameter binder rejects before running (parameter sets,
     * validation attributes such as ranges). Called when the runbook is bound, so nothing has run yet.
     *
     * @throws IllegalArgumentException with PowerShell's message; the binder adds the position
     */
    default void validate(Arguments arguments) {
    }
}
