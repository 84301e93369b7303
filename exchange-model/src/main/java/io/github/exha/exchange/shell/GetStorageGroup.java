package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.Identity;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Get-StorageGroup [[-Identity] <StorageGroupIdParameter>] [-Server <ServerIdParameter>]}: storage groups in
 * creation order, as the table of seed 002 (Name, Server, Replicated: None, Local or Cluster); {@code | fl} adds the
 * paths, log prefix and circular logging.
 */
public final class GetStorageGroup implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-StorageGroup",
            "List storage groups: name, server, replication.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"),
                            "Server\\Storage Group, or a name unique in the organization.").at(0).fromPipeline(),
                    ParameterDescriptor.named("Server", ParameterType.identity("ServerIdParameter"),
                            "Only this server's storage groups.")));

    private final ExchangeDirectory directory;

    /** A command reading the organization's directory. */
    @Inject
    public GetStorageGroup(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        List<StorageGroup> groups = arguments.identity("Identity").map(Identity::text)
                .map(id -> List.of(directory.storageGroup(id))).orElseGet(directory::storageGroups);
        if (arguments.has("Server")) {
            String server = directory.server(arguments.identity("Server").orElseThrow().text()).name();
            groups = groups.stream().filter(g -> g.server().equalsIgnoreCase(server)).toList();
        }
        groups.forEach(group -> context.write(EmsObjects.storageGroup(group)));
    }
}
