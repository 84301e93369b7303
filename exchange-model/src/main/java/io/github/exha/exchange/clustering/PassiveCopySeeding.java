package io.github.exha.exchange.clustering;

import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.ExchangeServer;

/**
 * What follows the installation of the passive clustered mailbox role on a node of a CCR clustered mailbox server
 * (DOMAIN.md §1): the Microsoft Exchange Replication service seeds a copy of each of the server's storage groups on
 * that node from the active one. The replication module binds it ({@code ExchangeModule.passiveCopySeeding}); a lab
 * without replication installs the passive node with no copies.
 */
public interface PassiveCopySeeding {
    /**
     * Enables the copies of {@code server}'s storage groups on {@code passiveNode} and seeds them; the operation
     * completes when seeding has (a storage group that cannot be seeded yet is left for Update-StorageGroupCopy).
     */
    Operation<Void> seed(ExchangeServer server, String passiveNode);
}
