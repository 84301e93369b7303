package io.github.exha.core.command.builtin;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import java.util.List;

/** {@code Enter-PSSession -ComputerName <host>}: later commands run on that host (setup.com, cluster.exe...). */
public final class EnterPSSession implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Enter-PSSession",
            "Run the following commands on the named server of the topology.",
            List.of(ParameterDescriptor.named("ComputerName", ParameterType.string(), "The server to work on.")
                    .required().at(0).alias("Cn")));

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        context.enterSession(arguments.string("ComputerName").orElseThrow());
    }
}
