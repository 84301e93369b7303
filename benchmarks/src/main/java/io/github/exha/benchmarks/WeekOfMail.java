package io.github.exha.benchmarks;

import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.kernel.Scheduler;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.exchange.server.MailFlow;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Issue 8: a lab of CCR clustered mailbox servers receiving mail for a simulated week, in a heap bound. Builds the lab
 * of {@link MailLabTopology}, runs virtual time one sample period at a time, and after each period forces a full
 * collection and reads the heap in use ({@link MemoryMXBean}); fails (exit status 1) when a sample exceeds the bound
 * or an acknowledged message was lost.
 *
 * <p>Arguments (all optional, {@code --name value}): {@code --servers 8 --groups 50 --mailboxes 500} (issue 8's lab),
 * {@code --rate} messages per hour for the whole organisation, {@code --days 7}, {@code --sample-hours 12},
 * {@code --bound-mib} the heap bound to assert (0: report only). Run with a fixed heap, for example
 * {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar io.github.exha.benchmarks.WeekOfMail}.
 */
public final class WeekOfMail {
    private WeekOfMail() {
    }

    /** One sample: after {@code virtual} of simulated time. */
    record Sample(Duration virtual, long events, long wallMillis, long heapBytes, long submitted, long acknowledged,
            int queued, int journalEntries) {
    }

    /** Entry point: exit status 1 when the bound was exceeded or an acknowledged message was lost. */
    public static void main(String[] args) {
        if (!run(args)) {
            System.exit(1);
        }
    }

    /**
     * Runs the week the arguments describe, printing a line per sample; false when a sample exceeded the bound or
     * the mail flow lost an acknowledged message.
     */
    public static boolean run(String[] args) {
        int servers = 8;
        int groups = 50;
        int mailboxes = 500;
        double rate = 36_000;
        int days = 7;
        int sampleHours = 12;
        long boundMib = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--servers" -> servers = Integer.parseInt(value);
                case "--groups" -> groups = Integer.parseInt(value);
                case "--mailboxes" -> mailboxes = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--days" -> days = Integer.parseInt(value);
                case "--sample-hours" -> sampleHours = Integer.parseInt(value);
                case "--bound-mib" -> boundMib = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        MailLabTopology shape = new MailLabTopology(servers, groups, mailboxes, rate, 2L << 40);
        long bound = boundMib << 20;
        long started = System.nanoTime();
        Lab lab = ExamplesModule.createLab(LabSpec.of(TopologySource.text("mail-lab.yaml", shape.yaml())));
        MailFlow mail = lab.instance(MailFlow.class);
        Sample built = sample(lab, mail, Duration.ZERO, 0, started);
        System.out.printf(Locale.ROOT, "lab: %d CMS x %d storage groups x %d mailboxes = %,d mailboxes on %d nodes;"
                + " %,.0f messages/hour (%.2f per mailbox per day), lognormal mean 75 KB sigma 1; %d days%n",
                servers, groups, mailboxes, shape.mailboxes(), 2 * servers, rate, rate * 24 / shape.mailboxes(), days);
        System.out.printf(Locale.ROOT, "built in %,d ms, heap after full GC %,.1f MiB%n", built.wallMillis(),
                mib(built.heapBytes()));
        System.out.println("virtual      events   wall s   events/s  heap MiB   submitted acknowledged queued journal");
        long events = 0;
        long peak = built.heapBytes();
        Duration period = Duration.ofHours(sampleHours);
        Duration elapsed = Duration.ZERO;
        Duration week = Duration.ofDays(days);
        long runStarted = System.nanoTime();
        boolean failed = false;
        while (elapsed.compareTo(week) < 0) {
            Duration step = period.compareTo(week.minus(elapsed)) < 0 ? period : week.minus(elapsed);
            events += run(lab.scheduler(), lab.scheduler().now().plus(step));
            elapsed = elapsed.plus(step);
            Sample s = sample(lab, mail, elapsed, events, runStarted);
            peak = Math.max(peak, s.heapBytes());
            System.out.printf(Locale.ROOT, "%-9s %,11d %8.1f %10.0f %9.1f %,11d %,12d %6d %,7d%n", s.virtual(),
                    s.events(), s.wallMillis() / 1000.0, s.events() * 1000.0 / Math.max(1, s.wallMillis()),
                    mib(s.heapBytes()), s.submitted(), s.acknowledged(), s.queued(), s.journalEntries());
            if (bound > 0 && s.heapBytes() > bound) {
                System.out.printf(Locale.ROOT, "FAILED: heap after full GC %,.1f MiB exceeds the bound %,d MiB%n",
                        mib(s.heapBytes()), boundMib);
                failed = true;
                break;
            }
        }
        InvariantResult delivered = mail.check();
        System.out.printf(Locale.ROOT, "peak heap after full GC %,.1f MiB%s; %s%s%n", mib(peak),
                bound > 0 ? (failed ? " — bound " + boundMib + " MiB EXCEEDED" : " ≤ bound " + boundMib + " MiB: met")
                        : "", delivered.held() ? "" : "FAILED: ", delivered.detail());
        return !failed && delivered.held();
    }

    /** Fires every event due up to {@code target}, counting them. */
    private static long run(Scheduler scheduler, Instant target) {
        long count = 0;
        while (scheduler.nextEventTime().filter(t -> !t.isAfter(target)).isPresent()) {
            scheduler.step();
            count++;
        }
        scheduler.runUntil(target);
        return count;
    }

    private static Sample sample(Lab lab, MailFlow mail, Duration virtual, long events, long since) {
        long wall = (System.nanoTime() - since) / 1_000_000;
        long submitted = mail.ledger().map(l -> l.submittedCount()).orElse(0L);
        long acknowledged = mail.ledger().map(l -> l.acknowledgedCount()).orElse(0L);
        return new Sample(virtual, events, wall, heapAfterFullGc(), submitted, acknowledged, mail.queued(),
                lab.journal().size());
    }

    /** The heap in use after full collections (several, until it stops shrinking). */
    static long heapAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            long now = memory.getHeapMemoryUsage().getUsed();
            if (now >= used) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }

    private static double mib(long bytes) {
        return bytes / (double) (1 << 20);
    }
}
