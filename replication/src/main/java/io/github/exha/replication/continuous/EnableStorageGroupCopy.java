package io.github.exha.replication.continuous;

import io.github.exha.cluster.host.Host;
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
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Enable-StorageGroupCopy [-Identity] <SG> [-StandbyMachine <host> [-ReplayLagTime] [-TruncationLagTime]]
 * [-CopyLogFolderPath <path> -CopySystemFolderPath <path>]}. With -StandbyMachine it adds an SCR copy at the same
 * paths on the standby machine and seeds it; without, an LCR copy at the -Copy... paths of the stand-alone server,
 * which {@code Enable-DatabaseCopy -CopyEdbFilePath} completes (as in Exchange 2007). CCR copies are not enabled here:
 * they exist for every storage group of a CCR CMS. Refusals of DOMAIN.md §2 come before anything changes.
 */
public final class EnableStorageGroupCopy implements Command {
    private static final CommandDescriptor DESCRIPTOR = new CommandDescriptor("Enable-StorageGroupCopy", List.of(),
            CommandSyntax.CMDLET, "Enable LCR (with -Copy...Path) or SCR (with -StandbyMachine) for a storage group.",
            List.of(ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"),
                            "Server\\Storage Group.").at(0).required().fromPipeline(),
                    ParameterDescriptor.named("StandbyMachine", ParameterType.identity("MailboxServerIdParameter"),
                            "The SCR target machine."),
                    ParameterDescriptor.named("ReplayLagTime", ParameterType.timeSpan(),
                            "SCR: replay a log once it is this old (default 1 day, at most 7 days)."),
                    ParameterDescriptor.named("TruncationLagTime", ParameterType.timeSpan(),
                            "SCR: keep replayed logs this long (default 0, at most 7 days)."),
                    ParameterDescriptor.named("CopyLogFolderPath", ParameterType.string(),
                            "LCR: the copy's log folder."),
                    ParameterDescriptor.named("CopySystemFolderPath", ParameterType.string(),
                            "LCR: the copy's system folder.")),
            true, ConfirmImpact.MEDIUM, false);

    private final ReplicationService service;
    private final ExchangeDirectory directory;
    private final Datacenter datacenter;

    /** The cmdlet over the replication service. */
    @Inject
    public EnableStorageGroupCopy(ReplicationService service, ExchangeDirectory directory, Datacenter datacenter) {
        this.service = service;
        this.directory = directory;
        this.datacenter = datacenter;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
        ExchangeServer server = directory.server(group.server());
        service.requireReplicable(group);
        Optional<String> standby = arguments.identity("StandbyMachine").map(i -> i.text());
        if (standby.isPresent()) {
            enableStandby(context, arguments, group, server, standby.get());
        } else {
            enableLocal(context, arguments, group, server);
        }
    }

    private void enableStandby(CommandContext context, Arguments arguments, StorageGroup group, ExchangeServer server,
            String machine) {
        Host target = datacenter.findHost(machine).orElseThrow(() -> invalid("The standby machine '" + machine
                + "' was not found."));
        Duration replayLag = arguments.timeSpan("ReplayLagTime").orElse(CopyLags.DEFAULT_REPLAY_LAG);
        Duration truncationLag = arguments.timeSpan("TruncationLagTime").orElse(Duration.ZERO);
        CopyLags lags = new CopyLags(replayLag, truncationLag);
        boolean sourceMachine = server.host().filter(h -> h.equalsIgnoreCase(target.name())).isPresent()
                || server.cluster().filter(c -> c.isRedundantMachine(target.name())).isPresent();
        if (sourceMachine) {
            throw invalid("'" + target.name() + "' runs storage group '" + group.identity() + "' itself; the "
                    + "standby machine must be another server.");
        }
        if (!target.isRunning()) {
            throw ReplicationService.unreachable(target);
        }
        MailboxDatabase database = requireOneDatabase(group);
        // SCR keeps the source's paths: the standby machine needs the drives, and no storage group of its own there.
        for (String path : List.of(group.logFolderPath(), group.systemFolderPath(), database.edbFilePath())) {
            try {
                target.resolve(path);
            } catch (ExhaException missing) {
                throw invalid("The path '" + path + "' does not exist on standby machine '" + target.name()
                        + "': an SCR target uses the same storage group and database paths as the source.");
            }
        }
        directory.serverOnHost(target.name()).ifPresent(own -> {
            for (StorageGroup other : directory.storageGroups(own.name())) {
                if (other.replicated() == ReplicationKind.LOCAL) {
                    throw invalid("Standby machine '" + target.name() + "' has storage group '" + other.identity()
                            + "' enabled for local continuous replication; an SCR target cannot have LCR copies.");
                }
                if (samePath(other.logFolderPath(), group.logFolderPath())
                        || samePath(other.systemFolderPath(), group.systemFolderPath())) {
                    throw invalid("The path '" + group.logFolderPath() + "' is used by storage group '"
                            + other.identity() + "' on standby machine '" + target.name() + "'.");
                }
            }
            for (MailboxDatabase db : directory.databasesOnServer(own.name())) {
                if (samePath(db.edbFilePath(), database.edbFilePath())) {
                    throw invalid("The path '" + database.edbFilePath() + "' is used by database '" + db.identity()
                            + "' on standby machine '" + target.name() + "'.");
                }
            }
        });
        if (!context.shouldProcess(group.identity(), "Enable-StorageGroupCopy")) {
            return;
        }
        CopyPaths paths = new CopyPaths(group.logFolderPath(), group.systemFolderPath(), database.edbFilePath());
        context.await(service.enable(group, CopyKind.STANDBY, target.name(), paths, lags));
    }

    private void enableLocal(CommandContext context, Arguments arguments, StorageGroup group, ExchangeServer server) {
        if (arguments.has("ReplayLagTime") || arguments.has("TruncationLagTime")) {
            throw invalid("ReplayLagTime and TruncationLagTime apply to standby continuous replication only: give "
                    + "-StandbyMachine.");
        }
        if (server.isClustered()) {
            throw invalid("Storage group '" + group.identity() + "' is on clustered mailbox server '" + server.name()
                    + "'. Local continuous replication is for stand-alone mailbox servers; a CCR server's storage "
                    + "groups are replicated to the passive node.");
        }
        if (group.replicated() != ReplicationKind.NONE) {
            throw new ExhaException(ReplicationErrorCode.COPY_EXISTS, "Storage group '" + group.identity()
                    + "' is already enabled for continuous replication.");
        }
        String logFolder = arguments.string("CopyLogFolderPath").orElseThrow(() -> invalid(
                "-CopyLogFolderPath is required to enable local continuous replication."));
        String systemFolder = arguments.string("CopySystemFolderPath").orElseThrow(() -> invalid(
                "-CopySystemFolderPath is required to enable local continuous replication."));
        CopyPaths paths = new CopyPaths(logFolder, systemFolder, "");
        if (samePath(logFolder, group.logFolderPath()) || samePath(systemFolder, group.systemFolderPath())) {
            throw invalid("The copy's paths must differ from the storage group's own paths.");
        }
        String host = server.host().orElseThrow();
        if (!context.shouldProcess(group.identity(), "Enable-StorageGroupCopy")) {
            return;
        }
        directory.updateStorageGroup(group.withReplicated(ReplicationKind.LOCAL));
        context.await(service.enable(group, CopyKind.LOCAL, datacenter.host(host).name(), paths, CopyLags.NONE));
    }

    private MailboxDatabase requireOneDatabase(StorageGroup group) {
        List<MailboxDatabase> databases = directory.databases(group.identity());
        if (databases.size() != 1) {
            throw new ExhaException(ReplicationErrorCode.NOT_REPLICABLE, "Storage group '" + group.identity()
                    + "' has " + databases.size() + " databases; a replicated storage group holds exactly one.");
        }
        return databases.get(0);
    }

    private static boolean samePath(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        return lower.endsWith("\\") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static ExhaException invalid(String message) {
        return new ExhaException(ReplicationErrorCode.INVALID_ARGUMENT, message);
    }
}
