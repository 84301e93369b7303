package io.github.exha.replication.continuous;

import io.github.exha.core.command.Arguments;
import io.github.exha.core.command.Command;
import io.github.exha.core.command.CommandContext;
import io.github.exha.core.command.CommandDescriptor;
import io.github.exha.core.command.ParameterDescriptor;
import io.github.exha.core.command.ParameterType;
import io.github.exha.core.command.PsObject;
import io.github.exha.exchange.config.ExchangeDirectory;
import io.github.exha.exchange.config.ExchangeVersion;
import io.github.exha.exchange.config.StorageGroup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * {@code Get-StorageGroupCopyStatus [[-Identity] <SG>] [-Server <server>] [-StandbyMachine <host>]}: the LCR or CCR
 * copy of each storage group (with -StandbyMachine, the SCR copies on that machine). The table shows Name,
 * SummaryCopyStatus, CopyQueueLength, ReplayQueueLength and LastInspectedLogTime; {@code | fl} every field of
 * DOMAIN.md §1. A storage group named by -Identity without such a copy reports Disabled.
 */
public final class GetStorageGroupCopyStatus implements Command {
    private static final CommandDescriptor DESCRIPTOR = CommandDescriptor.cmdlet("Get-StorageGroupCopyStatus",
            "Show the health of storage group copies: copy and replay queues, last inspected log.", List.of(
                    ParameterDescriptor.named("Identity", ParameterType.identity("StorageGroupIdParameter"),
                            "Server\\Storage Group.").at(0).fromPipeline(),
                    ParameterDescriptor.named("Server", ParameterType.identity("MailboxServerIdParameter"),
                            "Every storage group of this server."),
                    ParameterDescriptor.named("StandbyMachine", ParameterType.identity("MailboxServerIdParameter"),
                            "The SCR copies on this machine.")));

    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The cmdlet over the replication service. */
    @Inject
    public GetStorageGroupCopyStatus(ReplicationService service, ExchangeDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @Override
    public CommandDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void invoke(CommandContext context, Arguments arguments) {
        if (arguments.has("Identity")) {
            StorageGroup group = directory.storageGroup(arguments.identity("Identity").orElseThrow().text());
            Optional<StorageGroupCopy> copy = CopySelector.find(service, group, arguments);
            context.write(copy.map(c -> object(service.status(c))).orElseGet(() -> disabled(group)));
            return;
        }
        List<StorageGroup> groups = arguments.identity("Server")
                .map(s -> directory.storageGroups(directory.server(s.text()).name()))
                .orElseGet(directory::storageGroups);
        for (StorageGroup group : groups) {
            CopySelector.find(service, group, arguments).ifPresent(c -> context.write(object(service.status(c))));
        }
    }

    static PsObject object(CopyStatus status) {
        return builder(status.identity(), status.storageGroupName(), status.summary())
                .add("Failed", status.summary() == SummaryCopyStatus.FAILED)
                .add("FailedMessage", status.failedMessage())
                .add("Seeding", status.summary() == SummaryCopyStatus.SEEDING)
                .add("Suspend", status.summary() == SummaryCopyStatus.SUSPENDED)
                .add("SuspendComment", status.suspendComment())
                .add("CopyQueueLength", status.copyQueueLength())
                .add("ReplayQueueLength", status.replayQueueLength())
                .add("LatestAvailableLogTime", status.latestAvailableLogTime().orElse(null))
                .add("LastCopyNotificationedLogTime", status.latestAvailableLogTime().orElse(null))
                .add("LastCopiedLogTime", status.lastCopiedLogTime().orElse(null))
                .add("LastInspectedLogTime", status.lastInspectedLogTime().orElse(null))
                .add("LastReplayedLogTime", status.lastReplayedLogTime().orElse(null))
                .add("LastLogGenerated", status.lastLogGenerated())
                .add("LastLogCopied", status.lastLogCopied())
                .add("LastLogInspected", status.lastLogInspected())
                .add("LastLogReplayed", status.lastLogReplayed())
                .add("IsValid", true)
                .add("ObjectState", "Unchanged")
                .build();
    }

    // No copy: NotSupported when the storage group could not have one as it stands (a recovery storage group, more than
    // one database, an Exchange 2003 server), else Disabled.
    private PsObject disabled(StorageGroup group) {
        boolean supported = !group.recovery() && directory.databases(group.identity()).size() <= 1
                && directory.server(group.server()).version() == ExchangeVersion.EXCHANGE_2007;
        return builder(group.identity(), group.name(), supported ? SummaryCopyStatus.DISABLED
                : SummaryCopyStatus.NOT_SUPPORTED)
                .add("Failed", false).add("Seeding", false).add("Suspend", false)
                .add("CopyQueueLength", 0L).add("ReplayQueueLength", 0L).add("LastInspectedLogTime", null)
                .add("IsValid", true).add("ObjectState", "Unchanged").build();
    }

    private static PsObject.Builder builder(String identity, String name, SummaryCopyStatus summary) {
        return PsObject.builder("Microsoft.Exchange.Management.SystemConfigurationTasks.StorageGroupCopyStatus")
                .add("Name", name)
                .add("Identity", identity)
                .add("StorageGroupName", name)
                .add("SummaryCopyStatus", summary.display())
                .tableColumns("Name", "SummaryCopyStatus", "CopyQueueLength", "ReplayQueueLength",
                        "LastInspectedLogTime");
    }
}
