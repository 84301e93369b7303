package io.github.exha.exchange.shell;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.CommandSyntax;
import io.github.exha.core.command.ConfirmImpact;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@code New-StorageGroup -Name <String> -Server <ServerIdParameter> [-LogFolderPath <path>] [-SystemFolderPath
 * <path>] [-CircularLoggingEnabled <$true | $false>] [-Recovery]}. Paths default to Exchange 2007's
 * {@code C:\Program Files\Microsoft\Exchange Server\Mailbox\<name>}; the log prefix is the server's next free one
 * (E00, E01, ...). Only the directory changes: the folders are created when the store first mounts a database.
 * Writes the new storage group.
 */
public final class NewStorageGroup implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("New-StorageGroup", List.of(),
            CommandSyntax.CMDLET, "Create a storage group on a mailbox server.", List.of(
                    ParameterDescriptor.named("Name", ParameterType.string(), "The storage group's name.").at(0)
                            .required(),
                    ParameterDescriptor.named("Server", ParameterType.identity("ServerIdParameter"),
                            "The mailbox server that owns it.").required(),
                    ParameterDescriptor.named("LogFolderPath", ParameterType.string(), "Where its logs live."),
                    ParameterDescriptor.named("SystemFolderPath", ParameterType.string(),
                            "Where its checkpoint file lives."),
                    ParameterDescriptor.named("CircularLoggingEnabled", ParameterType.bool(),
                            "Delete logs once the checkpoint has passed them."),
                    ParameterDescriptor.named("Recovery", ParameterType.switchParameter(),
                            "Create the recovery storage group.")),
            true, ConfirmImpact.LOW, false);

    private final ExchangeDirectory directory;

    /** A command changing the organization's directory. */
    @Inject
    public NewStorageGroup(ExchangeDirectory directory) {
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        String name = arguments.string("Name").orElseThrow();
        ExchangeServer server = directory.server(arguments.identity("Server").orElseThrow().text());
        StoreLocator.requireManageable(directory, server.name());
        String folder = EmsObjects.DEFAULT_MAILBOX_FOLDER + "\\" + name;
        String logFolder = arguments.string("LogFolderPath").orElse(folder);
        String systemFolder = arguments.string("SystemFolderPath").orElse(folder);
        if (!context.shouldProcess(server.name() + "\\" + name, "New-StorageGroup")) {
            return;
        }
        StorageGroup group = directory.addStorageGroup(server.name(), name, logFolder, systemFolder,
                arguments.flag("CircularLoggingEnabled"), arguments.flag("Recovery"));
        context.write(EmsObjects.storageGroup(group));
    }
}
