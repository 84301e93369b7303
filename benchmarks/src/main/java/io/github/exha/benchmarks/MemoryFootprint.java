package io.github.exha.benchmarks;

import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.exchange.server.MailFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 9 item 5: the heap a lab retains per mailbox, per storage group, per delivered message and per retained log
 * generation, each the slope of a least-squares line through labs of increasing size (heap in use after full
 * collections, {@link WeekOfMail#heapAfterFullGc()}), so the fixed cost of the JVM and the lab cancels out. Run with
 * {@code java -jar benchmarks/target/benchmarks.jar memory}.
 *
 * <p>Messages and logs are separated by two workloads: 1 KB messages (a thousand to a 1 MB log: the slope is the cost
 * of a message) and 512 KB messages (two to a log: a message and half a log). A retained log is a closed log
 * generation kept on both nodes' log volumes (the active copy and the CCR passive copy), as every log is while no
 * backup truncates them. A queued log is one closed on the active node that the CCR copy has not copied yet: the same two
 * workloads with the copy suspended, against the copy queue (closed logs on the active node less those on the
 * passive node).
 */
public final class MemoryFootprint {
    private MemoryFootprint() {
    }

    /** One fitted line. */
    record Fit(String what, double bytesPerUnit, double intercept, List<double[]> points) {
    }

    /** Entry point. */
    public static void main(String[] args) {
        List<Fit> fits = measure();
        print(fits);
    }

    /** Measures every line. */
    static List<Fit> measure() {
        List<Fit> fits = new ArrayList<>();
        List<double[]> mailboxes = new ArrayList<>();
        for (int n : new int[] {2_000, 4_000, 8_000, 16_000}) {
            mailboxes.add(new double[] {n, idleLab(new MailLabTopology(1, 1, n, 0.001, 2L << 40))});
        }
        fits.add(fit("mailbox", mailboxes));
        List<double[]> groups = new ArrayList<>();
        for (int n : new int[] {10, 20, 30, 40, 50}) {
            groups.add(new double[] {n, idleLab(new MailLabTopology(1, n, 1, 0.001, 2L << 40))});
        }
        fits.add(fit("storage group (one database, CCR copy)", groups));
        List<double[]> small = mail("{ distribution: fixed, mean: 1KB }", 20_000, false);
        Fit perSmall = fit("message of 1 KB (x = messages)", small);
        fits.add(perSmall);
        List<double[]> large = mail("{ distribution: fixed, mean: 512KB }", 2_000, false);
        fits.add(fit("message of 512 KB (x = messages)", large));
        List<double[]> logs = new ArrayList<>();
        for (double[] point : large) {
            // x: generations closed on the active node; the passive copy holds each of them too but the one in flight.
            // (Until the eighth session x counted the files on both nodes, so the slope was per log file, half this.)
            logs.add(new double[] {point[2], point[1] - perSmall.bytesPerUnit() * point[0]});
        }
        fits.add(fit("retained log generation, both copies (x = generations, message cost removed)", logs));
        // A queued log: closed on the active node, not yet copied (the copy suspended, so the copy queue grows).
        Fit perSmallSuspended = fit("message of 1 KB, copy suspended (x = messages)",
                mail("{ distribution: fixed, mean: 1KB }", 20_000, true));
        fits.add(perSmallSuspended);
        List<double[]> queued = new ArrayList<>();
        for (double[] point : mail("{ distribution: fixed, mean: 512KB }", 2_000, true)) {
            queued.add(new double[] {point[2] - point[3], point[1] - perSmallSuspended.bytesPerUnit() * point[0]});
        }
        fits.add(fit("queued log, copy suspended (x = copy queue length, message cost removed)", queued));
        return fits;
    }

    private static long idleLab(MailLabTopology shape) {
        Lab lab = ExamplesModule.createLab(LabSpec.of(TopologySource.text("footprint.yaml", shape.yaml())));
        lab.scheduler().runFor(Duration.ofMinutes(1));
        long heap = WeekOfMail.heapAfterFullGc();
        // keep the lab reachable until measured
        return lab.journal().size() >= 0 ? heap : 0;
    }

    /**
     * Points (messages delivered, heap, closed logs on the active node, closed logs on the passive node) of one lab as
     * mail accumulates; with {@code suspended}, the CCR copy is suspended first, so the logs queue on the active node.
     */
    private static List<double[]> mail(String size, int messagesPerStep, boolean suspended) {
        double rate = 36_000;
        MailLabTopology shape = new MailLabTopology(1, 1, 100, rate, 2L << 40, size);
        Lab lab = ExamplesModule.createLab(LabSpec.of(TopologySource.text("footprint.yaml", shape.yaml())));
        if (suspended) {
            ScenarioDayBenchmark.check(lab.run(RunbookParser.parse("suspend.ps1",
                    "Suspend-StorageGroupCopy -Identity 'CMS1\\SG01' -Confirm:$false\n"), RunOptions.defaults()),
                    "suspending the copy");
        }
        MailFlow mail = lab.instance(MailFlow.class);
        Datacenter datacenter = lab.instance(Datacenter.class);
        List<double[]> points = new ArrayList<>();
        Duration step = Duration.ofMillis(Math.round(messagesPerStep / rate * 3_600_000));
        for (int i = 0; i < 5; i++) {
            lab.scheduler().runFor(step);
            long heap = WeekOfMail.heapAfterFullGc();
            long acknowledged = mail.ledger().orElseThrow().acknowledgedCount();
            points.add(new double[] {acknowledged, heap, logs(datacenter.host("NODE1A").volume("E")),
                    logs(datacenter.host("NODE1B").volume("E"))});
        }
        return points;
    }

    private static long logs(Volume volume) {
        long count = 0;
        if (!volume.isDirectory("\\SG01")) {
            return 0; // a passive copy whose copier has not run yet (suspended from the start)
        }
        for (DirectoryEntry entry : volume.list("\\SG01")) {
            if (!entry.directory() && entry.name().matches("E\\d{2}[0-9A-F]{8}\\.log")) {
                count++;
            }
        }
        return count;
    }

    /** Least squares of y on x. */
    static Fit fit(String what, List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            sxy += p[0] * p[1];
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new Fit(what, slope, (sy - slope * sx) / n, points);
    }

    static void print(List<Fit> fits) {
        System.out.println();
        System.out.println("Retained heap (after full GC), least-squares slope over labs of increasing size");
        for (Fit fit : fits) {
            StringBuilder xs = new StringBuilder();
            for (double[] p : fit.points()) {
                xs.append(String.format(Locale.ROOT, " (%,.0f, %,.1f MiB)", p[0], p[1] / (1 << 20)));
            }
            System.out.println(String.format(Locale.ROOT, "  %-80s %,10.0f bytes each   points:%s", fit.what(),
                    fit.bytesPerUnit(), xs));
        }
    }
}
