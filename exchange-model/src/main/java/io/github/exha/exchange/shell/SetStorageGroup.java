package io.github.exha.exchange.shell;

import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Set-StorageGroup [-Identity] <StorageGroupIdParameter> [-CircularLoggingEnabled <$true | $false>]}, also
 * from the pipeline. Only the directory changes: the store reads circular logging when it mounts the storage group's
 * databases, so on a storage group with a mounted database the cmdlet warns that the change waits for every database
 * to be dismounted and mounted again. Circular logging stays off on a storage group with an LCR or CCR copy
 * (DOMAIN.md §2). Writes nothing.
 */
public final class SetStorageGroup implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Set-StorageGroup", List.of(),
            CommandSyntax.CMDLET, "Change a storage group's settings (CircularLoggingEnabled).", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"),
                            "Server\\Storage Group.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("CircularLoggingEnabled", ParameterType.bool(),
                            "Delete logs once the checkpoint has passed them.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** A command changing the directory, which asks the store which databases are mounted. */
    @Inject
    public SetStorageGroup(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter) {
        this.directory = directory;
        this.locator = new StoreLocator(store, directory, datacenter);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
        StoreLocator.requireManageable(directory, group.server());
        StorageGroup changed = group;
        if (arguments.has("CircularLoggingEnabled")) {
            changed = changed.withCircularLogging(arguments.flag("CircularLoggingEnabled"));
        }
        if (changed.circularLoggingEnabled() && !group.circularLoggingEnabled()) {
            requireNotReplicated(group);
        }
        if (!context.shouldProcess(group.identity(), "Set-StorageGroup") || changed.equals(group)) {
            return;
        }
        directory.updateStorageGroup(changed);
        if (changed.circularLoggingEnabled() != group.circularLoggingEnabled()) {
            List<MailboxDatabase> mounted = directory.databases(group.identity()).stream()
                    .filter(d -> locator.isMounted(d.identity())).toList();
            if (!mounted.isEmpty()) {
                context.warn("The change to CircularLoggingEnabled on storage group '" + group.identity()
                        + "' will not take effect until all databases in the storage group have been dismounted and "
                        + "mounted again.");
            }
        }
    }

    private static void requireNotReplicated(StorageGroup group) {
        String copy = switch (group.replicated()) {
            case NONE -> null;
            case LOCAL -> "local continuous replication (LCR)";
            case CLUSTER -> "cluster continuous replication (CCR)";
        };
        if (copy != null) {
            throw new ExhaException(ExchangeErrorCode.NOT_SUPPORTED, "Circular logging cannot be enabled on storage "
                    + "group '" + group.identity() + "' because it is enabled for " + copy + ". Disable the "
                    + "storage group copy first.");
        }
    }
}
