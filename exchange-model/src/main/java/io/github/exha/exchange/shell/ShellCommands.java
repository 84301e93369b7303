package io.github.exha.exchange.shell;

import io.github.exha.core.command.Command;
import java.util.List;

/** The Exchange Management Shell cmdlets this package contributes, for the module to bind. */
public final class ShellCommands {
    private ShellCommands() {
    }

    /** Every cmdlet class, each bound as a singleton command. */
    public static List<Class<? extends Command>> all() {
        return List.of(GetExchangeServer.class, GetMailboxServer.class, SetMailboxServer.class,
                GetStorageGroup.class, NewStorageGroup.class, SetStorageGroup.class, RemoveStorageGroup.class,
                GetMailboxDatabase.class, GetPublicFolderDatabase.class, NewMailboxDatabase.class,
                NewPublicFolderDatabase.class, SetMailboxDatabase.class, RemoveMailboxDatabase.class,
                MountDatabase.class, DismountDatabase.class,
                GetMailbox.class, GetMailboxStatistics.class, NewMailbox.class, MoveMailbox.class, RemoveMailbox.class,
                MoveDatabasePath.class, MoveStorageGroupPath.class, GetEventLog.class,
                Eseutil.class, GetTransportConfig.class, SetTransportConfig.class);
    }
}
