package io.github.exha.core.command.builtin;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import java.util.List;

/** {@code Write-Host [-Object] <text>}: prints a line, for notes in a runbook's output. */
public final class WriteHost implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Write-Host",
            "Print text to the run's output.",
            List.of(ParameterDescriptor.named("Object", ParameterType.arrayOf(ParameterType.string()),
                    "The text to print; several values are joined with spaces.").at(0)));

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<?> parts = arguments.get("Object").map(o -> (List<?>) o).orElse(List.of());
        StringBuilder line = new StringBuilder();
        for (Object part : parts) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(part);
        }
        context.write(line.toString());
    }
}
