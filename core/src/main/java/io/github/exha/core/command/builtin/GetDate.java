package io.github.exha.core.command.builtin;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import java.util.List;

/** {@code Get-Date}: the lab's virtual date and time, for timestamps in a runbook's output. */
public final class GetDate implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-Date",
            "Show the current virtual date and time.", List.of());

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        context.write(context.clock().instant());
    }
}
