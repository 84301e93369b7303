package io.github.exha.archfixtures.layering.replicationnamessim.replication;

import io.github.exha.archfixtures.layering.replicationnamessim.storage.sim.SimReplicationGroup;

/** Violation: replication names the sim plugin instead of finding storage through the SPI. */
public class SanReplicationCoordinator {
    public void failover(SimReplicationGroup group) {
        group.promoteTarget();
    }
}
