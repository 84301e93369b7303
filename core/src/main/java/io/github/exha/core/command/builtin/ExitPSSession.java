package io.github.exha.core.command.builtin;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import java.util.List;

/** {@code Exit-PSSession}: back to the management workstation; does nothing outside a session, as in PowerShell. */
public final class ExitPSSession implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Exit-PSSession",
            "Leave the current server session.", List.of());

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        context.exitSession();
    }
}
