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
 * data loss accepted. So the invariant fails for any acknowledged message missing from its database, except those its
 * database lost in an unplanned failover ({@link Outages}); those are counted in the detail, as the run's recovery
 * point is in the outage report.
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
        SortedSet<Long> permitted = new TreeSet<>();
        for (Outages.Outage outage : outages.ended()) {
            if (outage.isFailover() && !outage.planned()) {
                permitted.addAll(outage.lostIds());
            }
        }
        SortedSet<Long> unexplained = new TreeSet<>(now.lost());
        unexplained.removeAll(permitted);
        long inFailovers = now.lost().size() - unexplained.size();
        String detail = now.submitted() + " submitted, " + now.acknowledged() + " acknowledged, " + now.lost().size()
                + " lost (" + inFailovers + " in unplanned failovers, as the design permits; " + unexplained.size()
                + " otherwise), " + now.queued() + " queued in transport"
                + (now.unverified() > 0 ? ", " + now.unverified() + " in databases that are neither mounted nor shut "
                        + "down cleanly (not checked)" : "")
                + (unexplained.isEmpty() ? "" : "; lost otherwise: ids " + MailFlow.first(unexplained));
        return new InvariantResult(MailFlow.NAME, unexplained.isEmpty(), detail);
    }
}
