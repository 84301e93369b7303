package io.github.exha.replication.continuous;

import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.clustering.PassiveCopySeeding;
import io.github.exha.exchange.config.ExchangeServer;
import jakarta.inject.Provider;
import java.util.List;

/**
 * The seeding that follows setup of a CCR passive node (DOMAIN.md §1): the replication service enables the CCR copy of
 * each storage group of the clustered mailbox server on the new passive node and seeds it from the active node.
 */
public final class PassiveNodeSeeding implements PassiveCopySeeding {
    private final Kernel kernel;
    private final Provider<ReplicationService> service;

    /** The seeding through the lab's replication service (a provider: setup runs before anything else needs it). */
    public PassiveNodeSeeding(Kernel kernel, Provider<ReplicationService> service) {
        this.kernel = kernel;
        this.service = service;
    }

    @Override
    public Operation<Void> seed(ExchangeServer server, String passiveNode) {
        // The service enables the copies of every CCR server whose passive node is installed and has none yet.
        List<Operation<Void>> seeds = service.get().enableClusterCopies();
        Operation<Void> all = kernel.operations().create("seed the copies of " + server.name() + " on " + passiveNode);
        all.waitingFor("the storage groups of " + server.name() + " to be seeded on " + passiveNode);
        int[] left = {seeds.size()};
        if (seeds.isEmpty()) {
            all.complete(null);
        }
        for (Operation<Void> seed : seeds) {
            seed.whenDone(op -> {
                if (all.isDone()) {
                    return;
                }
                if (op.isFailed()) {
                    all.fail(op.failure().orElseThrow());
                } else if (--left[0] == 0) {
                    all.complete(null);
                }
            });
        }
        return all;
    }
}
