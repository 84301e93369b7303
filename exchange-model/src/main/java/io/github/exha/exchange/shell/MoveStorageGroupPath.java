package io.github.exha.exchange.shell;

import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
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
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.MailboxDatabase;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.error.ExchangeErrorCode;
import io.github.exha.exchange.server.InformationStore;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code Move-StorageGroupPath [-Identity] <StorageGroupIdParameter> [-LogFolderPath <path>] [-SystemFolderPath
 * <path>] [-ConfigurationOnly]}, with the rules of {@link MoveDatabasePath}: refused on a CCR clustered mailbox
 * server without {@code -ConfigurationOnly}; with it, only the directory changes and every database of the storage
 * group must be dismounted; otherwise the mounted databases are dismounted, the storage group's files (its logs
 * {@code E00*.log}, reserve logs and checkpoint {@code E00.chk}, by its prefix) are moved on the host holding them,
 * the directory changes and the databases are mounted again. Asks for confirmation by default.
 */
public final class MoveStorageGroupPath implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Move-StorageGroupPath", List.of(),
            CommandSyntax.CMDLET, "Move a storage group's logs and system files (or only their paths in AD).",
            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"),
                            "Server\\Storage Group.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("LogFolderPath", ParameterType.string(), "The new log folder."),
                    ParameterDescriptor.named("SystemFolderPath", ParameterType.string(),
                            "The new folder of the checkpoint file."),
                    ParameterDescriptor.named("ConfigurationOnly", ParameterType.switchParameter(),
                            "Change only the paths in Active Directory; move the files by hand.")),
            true, ConfirmImpact.HIGH, false);

    private final ExchangeDirectory directory;
    private final StoreLocator locator;

    /** A command changing the directory and the files on the server's volumes. */
    @Inject
    public MoveStorageGroupPath(ExchangeDirectory directory, Optional<InformationStore> store, Datacenter datacenter) {
        this.directory = directory;
        this.locator = new StoreLocator(store, directory, datacenter);
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void validate(Arguments arguments) {
        if (!arguments.has("LogFolderPath") && !arguments.has("SystemFolderPath")) {
            throw new IllegalArgumentException("Move-StorageGroupPath needs -LogFolderPath, -SystemFolderPath or "
                    + "both.");
        }
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
        StoreLocator.requireManageable(directory, group.server());
        ExchangeServer server = directory.server(group.server());
        String logFolder = trim(arguments.string("LogFolderPath").orElse(group.logFolderPath()));
        String systemFolder = trim(arguments.string("SystemFolderPath").orElse(group.systemFolderPath()));
        StorageGroup moved = MoveDatabasePath.valid(() -> group.withPaths(logFolder, systemFolder));
        boolean configurationOnly = arguments.flag("ConfigurationOnly");
        MoveDatabasePath.requireMovable(server, configurationOnly);
        List<MailboxDatabase> mounted = directory.databases(group.identity()).stream()
                .filter(d -> locator.isMounted(d.identity())).toList();
        if (configurationOnly) {
            if (!mounted.isEmpty()) {
                throw new ExhaException(ExchangeErrorCode.WRONG_STATE, "Database '" + mounted.get(0).identity()
                        + "' is mounted. Dismount every database of storage group '" + group.identity()
                        + "' before changing its paths with the ConfigurationOnly parameter.");
            }
            if (context.shouldProcess(group.identity(), "Move-StorageGroupPath")) {
                directory.updateStorageGroup(moved);
            }
            return;
        }
        Host host = locator.filesHost(server);
        FileRelocation files = new FileRelocation(context, host);
        List<FileRelocation.Move> moves = files.existing(moves(host, group, moved));
        files.check(moves);
        if (!context.shouldProcess(group.identity(), "Move-StorageGroupPath")) {
            return;
        }
        InformationStore store = locator.store(server.name());
        for (MailboxDatabase database : mounted) {
            context.await(store.dismount(database.identity()));
        }
        files.move(moves);
        directory.updateStorageGroup(moved);
        for (MailboxDatabase database : mounted) {
            context.await(store.mount(database.identity()));
        }
    }

    // The storage group's own files: those named by its prefix in the log and system folders (logs, reserve logs,
    // checkpoint); each goes to the matching new folder.
    private static List<FileRelocation.Move> moves(Host host, StorageGroup from, StorageGroup to) {
        Map<String, FileRelocation.Move> moves = new LinkedHashMap<>();
        addFolder(host, from.systemFolderPath(), to.systemFolderPath(), from.logFilePrefix(), List.of(".chk"), moves);
        addFolder(host, from.logFolderPath(), to.logFolderPath(), from.logFilePrefix(), List.of(".log", ".jrs"),
                moves);
        return new ArrayList<>(moves.values());
    }

    private static void addFolder(Host host, String fromFolder, String toFolder, String prefix,
            List<String> extensions, Map<String, FileRelocation.Move> moves) {
        WindowsPath folder = host.resolve(fromFolder);
        if (!folder.volume().isDirectory(folder.path())) {
            return;
        }
        String wanted = prefix.toLowerCase(Locale.ROOT);
        for (DirectoryEntry entry : folder.volume().list(folder.path())) {
            String name = entry.name().toLowerCase(Locale.ROOT);
            boolean ownFile = name.startsWith(wanted) && extensions.stream().anyMatch(name::endsWith);
            if (!entry.directory() && ownFile) {
                                String source = fromFolder + "\\" + entry.name();
                moves.put(source.toLowerCase(Locale.ROOT), new FileRelocation.Move(source,
                        toFolder + "\\" + entry.name()));
            }
        }
    }

    private static String trim(String path) {
        return path.endsWith("\\") && path.length() > 3 ? path.substring(0, path.length() - 1) : path;
    }
}
