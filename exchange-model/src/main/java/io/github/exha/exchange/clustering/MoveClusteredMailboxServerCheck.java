package io.github.exha.exchange.clustering;

import io.github.exha.exchange.config.ExchangeServer;

/**
 * A check Move-ClusteredMailboxServer runs before moving a CMS, after its own (target membership, redundant
 * machines, no CMS on the target). The replication module contributes the copy-state check ("Continuous replication
 * is in a failed, seeding, or suspended state...") through {@code ExchangeModule.moveChecks(binder())}.
 */
public interface MoveClusteredMailboxServerCheck {
    /**
     * Refuses the move by throwing an {@link io.github.exha.core.error.ExhaException} with Exchange's message.
     *
     * @param server the CMS
     * @param targetMachine the node it would move to
     * @param ignoreDismounted whether -IgnoreDismounted was given
     */
    void check(ExchangeServer server, String targetMachine, boolean ignoreDismounted);
}
