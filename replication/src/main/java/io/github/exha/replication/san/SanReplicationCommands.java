package io.github.exha.replication.san;

import io.github.exha.core.command.Command;
import java.util.List;

/** The runbook commands of storage-based replication, for the module to bind. */
public final class SanReplicationCommands {
    private SanReplicationCommands() {
    }

    /** Every command class, in the order {@code exha commands} lists them. */
    public static List<Class<? extends Command>> all() {
        return List.of(GetSanReplication.class, SuspendSanReplication.class, ResumeSanReplication.class,
                InvokeSanFailover.class, SetSanLunAccess.class, StopSanArray.class, StartSanArray.class);
    }
}
