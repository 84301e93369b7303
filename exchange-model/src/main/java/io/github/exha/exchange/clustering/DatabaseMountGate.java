package io.github.exha.exchange.clustering;

import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeServer;

/**
 * What a clustered mailbox server's Database Instance resource asks before it mounts its database on a node: the
 * replication module answers for CCR, where the node may hold the passive copy that must first receive the remaining
 * logs (a scheduled move) or may mount only within the AutoDatabaseMountDial (an unscheduled failover, DOMAIN.md §3).
 * Bound optionally ({@code OptionalBinder}); without one, the resource mounts at once.
 */
public interface DatabaseMountGate {
    /** What the resource does once the gate answered. */
    enum Decision {
        /** Mount the database now. */
        MOUNT,
        /** Leave it dismounted; the resource is online and the gate may mount the database later itself. */
        LEAVE_DISMOUNTED
    }

    /**
     * Prepares {@code node} to mount {@code databaseIdentity}; the operation completes with the decision once the
     * files are ready (it may take virtual time, e.g. copying logs) and fails to fail the resource.
     */
    Operation<Decision> beforeMount(ExchangeServer server, String databaseIdentity, String node);

    /** Told after a mount the gate allowed has succeeded (e.g. to ask the transport dumpster for lost mail). */
    void mounted(ExchangeServer server, String databaseIdentity, String node);
}
