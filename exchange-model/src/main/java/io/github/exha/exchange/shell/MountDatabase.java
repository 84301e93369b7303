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
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Mount-Database [-Identity] <DatabaseIdParameter>} and {@code Dismount-Database [-Identity]
 * <DatabaseIdParameter>}, for mailbox and public folder databases, also from the pipeline. The store does the work
 * (recovery on mount, clean shutdown on dismount) and its refusals (a store that does not run, files of another
 * database without AllowFileRestore, ...) pass through as they are. Dismount-Database asks for confirmation by
 * default, as EMS does, with EMS's sentence ("Dismounting database ... reduced availability ..."); both honour
 * {@code -WhatIf}. Nothing is written.
 */
public final class MountDatabase implements Command {
    private final boolean mount;
    private final CommandDescriptor descriptor;
    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** {@code Mount-Database}. */
    @Inject
    public MountDatabase(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter) {
        this(true, directory, new StoreLocator(store, directory, datacenter));
    }

    MountDatabase(boolean mount, ExchangeDirectory directory, StoreLocator locator) {
        this.mount = mount;
        this.directory = directory;
        this.locator = locator;
        this.descriptor = new CommandDescriptor(mount ? "Mount-Database" : "Dismount-Database", List.of(),
                CommandSyntax.CMDLET, mount ? "Mount a database (the store replays its logs)."
                        : "Dismount a database with a clean shutdown.", List.of(
                        ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                                "Server\\Storage Group\\Database.").at(0).required().fromPipeline()),
                true, mount ? ConfirmImpact.LOW : ConfirmImpact.HIGH, false);
    }

    @Override
    public CommandDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        MailboxDatabase database = directory.database(arguments.identity("Identity").orElseThrow().text());
        StoreLocator.requireManageable(directory, database.server());
        InformationStore store = locator.store(database.server());
        // Mount-Database's own sentence is not known, so it keeps PowerShell's generic one.
        boolean yes = mount ? context.shouldProcess(database.identity(), descriptor.name())
                : context.shouldProcess(database.identity(), descriptor.name(),
                        ConfirmationMessages.dismountDatabase(database.identity()));
        if (!yes) {
            return;
        }
        if (mount) {
            context.await(store.mount(database.identity()));
        } else {
            context.await(store.dismount(database.identity()));
        }
    }
}
