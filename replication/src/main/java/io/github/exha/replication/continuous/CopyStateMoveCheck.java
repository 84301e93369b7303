package io.github.exha.replication.continuous;

import io.github.exha.core.error.ExhaException;
import io.github.exha.exchange.clustering.MoveClusteredMailboxServerCheck;
import io.github.exha.exchange.config.ExchangeServer;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.config.ExchangeDirectory;
import jakarta.inject.Inject;

/**
 * Move-ClusteredMailboxServer's replication check (DOMAIN.md §3): refused while any CCR copy of the CMS's storage
 * groups is failed, seeding or suspended, with Exchange's message naming the storage group.
 */
public final class CopyStateMoveCheck implements MoveClusteredMailboxServerCheck {
    private final ReplicationService service;
    private final ExchangeDirectory directory;

    /** The check over the replication service. */
    @Inject
    public CopyStateMoveCheck(ReplicationService service, ExchangeDirectory directory) {
        this.service = service;
        this.directory = directory;
    }

    @Override
    public void check(ExchangeServer server, String targetMachine, boolean ignoreDismounted) {
        for (StorageGroup group : directory.storageGroups(server.name())) {
            for (StorageGroupCopy copy : service.copiesOf(group)) {
                if (copy.kind() == CopyKind.CLUSTER && (copy.isFailed() || copy.isSeeding() || copy.isSuspended())) {
                    throw new ExhaException(ReplicationErrorCode.COPY_NOT_HEALTHY, "Continuous replication is in a "
                            + "failed, seeding, or suspended state on '" + group.name() + "'. "
                            + "Move-ClusteredMailboxServer cannot be performed if one or more of the server's storage "
                            + "group copies are in failed, seeding or suspended states.");
                }
            }
        }
    }
}
