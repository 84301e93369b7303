package io.github.exha.replication.continuous;

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
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code Enable-DatabaseCopy [-Identity] <Database> -CopyEdbFilePath <path>}: the second step of enabling LCR (after
 * {@code Enable-StorageGroupCopy -CopyLogFolderPath -CopySystemFolderPath}); gives the passive database file's path
 * and seeds the copy.
 */
public final class EnableDatabaseCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Enable-DatabaseCopy", List.of(),
            CommandSyntax.CMDLET, "Give an LCR copy its database path and seed it.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("DatabaseIdParameter"),
                            "Server\\Storage Group\\Database.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("CopyEdbFilePath", ParameterType.string(),
                            "The passive copy's database file.").required()),
            true, ConfirmImpact.MEDIUM, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The cmdlet over the replication service. */
    @Inject
    public EnableDatabaseCopy(ReplicationService service, ExchangeDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        MailboxDatabase database = directory.database(arguments.identity("Identity").orElseThrow().text());
        String path = arguments.string("CopyEdbFilePath").orElseThrow();
        if (!context.shouldProcess(database.identity(), "Enable-DatabaseCopy")) {
            return;
        }
        context.await(service.enableDatabaseCopy(directory.storageGroup(database.storageGroupIdentity()), path));
    }
}
