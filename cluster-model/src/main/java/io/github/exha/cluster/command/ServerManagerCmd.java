package io.github.exha.cluster.command;

import io.github.exha.cluster.host.FeatureInstallation;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code ServerManagerCmd -i <feature>} (Windows Server 2008), as seed 004 installs the IIS components Exchange 2007
 * needs: installs a role, role service or feature on the session's host; {@code -query} lists what is installed;
 * {@code -whatIf} says what would be installed. Installing something already installed is not an error
 * ("NoChange"); on Windows Server 2003 the program does not exist (9009).
 */
public final class ServerManagerCmd implements Command {
    private static final String INSTALL = "install";
    private static final String QUERY = "query";
    private static final String WHAT_IF = "whatIf";
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("ServerManagerCmd", List.of(),
            CommandSyntax.NATIVE, "Install a Windows role, role service or feature on the session's host (2008).",
            List.of(ParameterDescriptor.named(INSTALL, ParameterType.string(), "The feature to install, for example"
                            + " Web-ISAPI-Ext.").alias("i"),
                    ParameterDescriptor.named(QUERY, ParameterType.switchParameter(), "List the installed features.")
                            .alias("q"),
                    ParameterDescriptor.named(WHAT_IF, ParameterType.switchParameter(), "Show what would be installed.")
                            .alias("w")),
            false, ConfirmImpact.NONE, true);

    private final Datacenter datacenter;

    /** The command over the lab's hosts. */
    @Inject
    public ServerManagerCmd(Datacenter datacenter) {
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        if (arguments.has(INSTALL) == arguments.flag(QUERY)) {
            throw new IllegalArgumentException("ServerManagerCmd needs exactly one of -install <feature> or -query.");
        }
        if (!arguments.positionals().isEmpty()) {
            throw new IllegalArgumentException("ServerManagerCmd does not take '" + arguments.positionals().get(0)
                    + "': write -install <feature>.");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        Host host = datacenter.host(context.requireHost());
        if (arguments.flag(QUERY)) {
            for (ServerFeature feature : ServerFeature.values()) {
                context.write((host.hasFeature(feature) ? "[X] " : "[ ] ") + feature.id());
            }
            return;
        }
        String name = arguments.string(INSTALL).orElseThrow();
        if (arguments.flag(WHAT_IF)) {
            ServerFeature feature = ServerFeature.of(name).orElse(null);
            context.write(feature != null && host.hasFeature(feature)
                    ? "NoChange: [" + feature.id() + "] is already installed on " + host.name() + "."
                    : "What if: [Installation] would install [" + name + "] on " + host.name() + ".");
            return;
        }
        context.write("Start Installation...");
        FeatureInstallation result = host.installFeature(name);
        switch (result) {
            case INSTALLED -> {
                context.write("[Installation] Succeeded: [" + ServerFeature.of(name).orElseThrow().id() + "].");
                context.write("Success: Installation succeeded.");
            }
            case ALREADY_INSTALLED -> context.write("NoChange: The role, role service, or feature is already installed: ["
                    + ServerFeature.of(name).orElseThrow().id() + "].");
        }
    }
}
