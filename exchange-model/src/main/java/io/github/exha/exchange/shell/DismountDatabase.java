package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.exchange.clustering.ClusteredServerGroups;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * {@code Dismount-Database [-Identity] <DatabaseIdParameter>}: a clean shutdown of one database (seed 003 dismounts
 * before a switch-back). Asks for confirmation by default; on a 2007 CMS it takes the database's Database Instance
 * resource offline. See {@link MountDatabase}.
 */
public final class DismountDatabase implements Command {
    private final MountDatabase dismount;

    /** A command driving the store, or a CMS's Database Instance resources through its cluster. */
    @Inject
    public DismountDatabase(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter,
            ClusteredServerGroups groups) {
        this.dismount = new MountDatabase(false, directory, new StoreLocator(store, directory, datacenter), groups);
    }

    @Override
    public CommandDescriptor descriptor() {
        return dismount.descriptor();
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        dismount.invoke(context, arguments);
    }
}
