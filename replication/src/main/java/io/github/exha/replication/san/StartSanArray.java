package io.github.exha.replication.san;

import io.github.exha.core.command.ConfirmImpact;
import jakarta.inject.Inject;

/**
 * {@code Start-SanArray [-Array] <name>}: powers an array back on; its groups stay Disconnected until {@code Resume-SanReplication}.
 */
public final class StartSanArray extends SanArrayPower {
    /** The cmdlet over the lab's arrays. */
    @Inject
    public StartSanArray(SanReplicationCoordinator coordinator) {
        super(coordinator, "Start-SanArray",
                "Power a storage array back on; its groups stay disconnected until resumed.",
                ConfirmImpact.MEDIUM, true);
    }
}
