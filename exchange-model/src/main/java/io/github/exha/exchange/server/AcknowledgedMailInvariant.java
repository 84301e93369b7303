package io.github.exha.exchange.server;

import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.invariant.InvariantResult;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * No acknowledged message is lost beyond what the design promises. Exchange promises that an acknowledged message is
 * durable: a crash, a restart, a scheduled move and a dismount lose nothing. Only an unplanned failover to another
 * copy may lose mail — the logs a CCR node had not shipped (within AutoDatabaseMountDial, less what the transport
 * dumpster resubmits), what an SCR target or an asynchronous SAN replica had not received when it was activated with
 * data loss accepted — and an administrator's recovery of a clustered mailbox server on another cluster
 * ({@code setup.com /RecoverCMS}), which mounts the files on the recovery node as they are, whether or not the
 * administrator brought them up to date first. So the invariant fails for any acknowledged message missing from its
 * database, except those its database lost in such an outage ({@link Outages.Outage#lossPermitted()}); those are
 * counted in the detail, each kind apart, as the run's recovery point is in the outage report.
 */
public final class AcknowledgedMailInvariant implements Invariant {
    private final MailFlow mail;
    private final Outages outages;

    /** The invariant over a lab's mail flow and outages. */
    public AcknowledgedMailInvariant(MailFlow mail, Outages outages) {
        this.mail = mail;
        this.outages = outages;
    }

    @Override
    public String name() {
        return MailFlow.NAME;
    }

    @Override
    public InvariantResult check() {
        if (!mail.hasWorkload()) {
            return new InvariantResult(MailFlow.NAME, true, "no workload in this lab");
        }
        MailFlow.Accounting now = mail.accounting();
        SortedSet<Long> inFailovers = new TreeSet<>();
        SortedSet<Long> inRecoveries = new TreeSet<>();
        for (Outages.Outage outage : outages.ended()) {
            if (outage.lossPermitted()) {
                (outage.planned() ? inRecoveries : inFailovers).addAll(outage.lostIds());
            }
        }
        inFailovers.retainAll(now.lost());
        inRecoveries.retainAll(now.lost());
        inRecoveries.removeAll(inFailovers);
        SortedSet<Long> unexplained = new TreeSet<>(now.lost());
        unexplained.removeAll(inFailovers);
        unexplained.removeAll(inRecoveries);
        String detail = now.submitted() + " submitted, " + now.acknowledged() + " acknowledged, " + now.lost().size()
                + " lost (" + inFailovers.size() + " in unplanned failovers, as the design permits; "
                + (inRecoveries.isEmpty() ? "" : inRecoveries.size() + " in recoveries of the clustered mailbox server "
                        + "on another cluster (setup /RecoverCMS) from the files the administrator left on its node; ")
                + unexplained.size() + " otherwise), " + now.queued() + " queued in transport"
                + (now.unverified() > 0 ? ", " + now.unverified() + " in databases that are neither mounted nor shut "
                        + "down cleanly (not checked)" : "")
                + (unexplained.isEmpty() ? "" : "; lost otherwise: ids " + MailFlow.first(unexplained));
        return new InvariantResult(MailFlow.NAME, unexplained.isEmpty(), detail);
    }
}
