package io.github.exha.exchange.workload;

import io.github.exha.core.kernel.Operation;
import java.util.Optional;

/**
 * Where generated mail goes: for example a mailbox database of the store, through an adapter the integrator writes.
 */
@FunctionalInterface
public interface MailDestination {
    /**
     * Offers a message.
     *
     * @return the delivery, which completes once the message is durable (acknowledged) or fails; empty when the
     *     destination cannot take mail now (a dismounted database), in which case the message stays queued
     */
    Optional<Operation<Void>> offer(MailMessage message);
}
