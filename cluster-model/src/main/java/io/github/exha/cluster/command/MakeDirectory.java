package io.github.exha.cluster.command;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code mkdir} / {@code md} (cmd.exe) on the session's host: creates a folder and its missing parents on a
 * simulated volume, for example the folder of a file share witness ({@code mkdir C:\FSW_CCR_MAIL}).
 */
public final class MakeDirectory implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("mkdir", List.of("md"),
            CommandSyntax.NATIVE, "Create a folder (and missing parents) on the session's host.", List.of(),
            false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public MakeDirectory(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        if (arguments.positionals().size() != 1) {
            throw new IllegalArgumentException("mkdir takes one folder (got " + arguments.positionals().size()
                    + "); quote a path with spaces: mkdir \"C:\\My Folder\"");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        context.await(datacenter.host(context.requireHost()).createDirectory(arguments.positionals().get(0)));
    }
}
