package io.github.exha.replication.san;

import io.github.exha.core.command.ConfirmImpact;
import jakarta.inject.Inject;

/**
 * {@code Stop-SanArray [-Array] <name>}: powers an array off, as a site loss or a power failure does: its LUNs' I/O fails (Physical Disks on it fail), groups replicating from or to it go Disconnected, and acknowledged data survives on the array and, up to the RPO, on its replicas.
 */
public final class StopSanArray extends SanArrayPower {
    /** The cmdlet over the lab's arrays. */
    @Inject
    public StopSanArray(SanReplicationCoordinator coordinator) {
        super(coordinator, "Stop-SanArray",
                "Power off a storage array (site or array loss): its I/O and management fail, groups replicating from or to it disconnect.",
                ConfirmImpact.HIGH, false);
    }
}
