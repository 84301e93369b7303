/**
 * The mail workload: a seeded generator of messages to a list of mailboxes (Poisson arrivals, fixed, uniform or
 * log-normal sizes), a {@link io.github.exha.exchange.workload.MailDestination} it delivers to, with transport-like
 * queueing and retries while the destination is unavailable, and a
 * {@link io.github.exha.exchange.workload.DeliveryLedger} of every submitted and acknowledged message, against which
 * loss is counted exactly.
 *
 * <p>This package depends on the kernel only: a destination is any adapter the integrator writes, for example over a
 * mailbox database of the store.
 */
package io.github.exha.exchange.workload;
