package io.github.exha.exchange.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.workload.LossReport;
import io.github.exha.exchange.workload.MailGenerator;
import io.github.exha.exchange.workload.MailMessage;
import io.github.exha.exchange.workload.SizeDistribution;
import io.github.exha.exchange.workload.WorkloadSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The store's central promise: a message acknowledged is never lost by a crash. Each case builds a lab, runs a seeded
 * workload against a mounted database with random store settings (format, lost log resilience depth, circular
 * logging, write latency, idle roll, an online backup now and then, a synchronously replicated log LUN whose
 * acknowledgements lag the writes), crashes the host at a random instant (between
 * events, or in the middle of a log roll), boots it, mounts, and counts loss exactly with the workload's ledger.
 *
 * <p>The cases are drawn from a master seed, printed at the start; set {@value #SEED_PROPERTY} to replay a run (and
 * {@value #CASES_PROPERTY} to change how many cases run).
 */
class CrashRecoveryPropertyTest {
    static final String SEED_PROPERTY = "exha.store.crash.seed";
    static final String CASES_PROPERTY = "exha.store.crash.cases";

    /** One case's parameters, printed when it fails. */
    record Case(long labSeed, LogFormat format, int depth, boolean circular, Duration latency, Duration idleRoll,
            double rate, SizeDistribution sizes, Duration crashAfter, int crashAtRoll, Duration backupAfter,
            Duration replicationLatency) {
    }

    static Case draw(SplittableRandom random) {
        SizeDistribution sizes = switch (random.nextInt(3)) {
            case 0 -> SizeDistribution.fixed(random.nextLong(1_000, 300_000));
            case 1 -> SizeDistribution.uniform(1_000, random.nextLong(2_000, 500_000));
            default -> SizeDistribution.logNormal(random.nextLong(5_000, 80_000), 1.0 + random.nextDouble(),
                    8_000_000);
        };
        long labSeed = random.nextLong();
        LogFormat format = random.nextBoolean() ? LogFormat.EXCHANGE_2007 : LogFormat.EXCHANGE_2003;
        int depth = 1 + random.nextInt(3);
        boolean circular = random.nextInt(4) == 0;
        Duration latency = Duration.ofNanos(random.nextLong(0, 10_000_000));
        Duration idleRoll = random.nextInt(4) == 0 ? Duration.ofMillis(random.nextLong(50, 2_000)) : Duration.ZERO;
        double rate = 5 + random.nextDouble(95);
        Duration crashAfter = Duration.ofNanos(random.nextLong(1_000_000, 8_000_000_000L));
        int crashAtRoll = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 0;
        Duration backupAfter = random.nextInt(4) == 0 ? Duration.ofNanos(random.nextLong(1_000_000, 8_000_000_000L))
                : null;
        Duration replicationLatency = random.nextInt(3) == 0 ? Duration.ofNanos(random.nextLong(200_000, 50_000_000))
                : null;
        return new Case(labSeed, format, depth, circular, latency, idleRoll, rate, sizes, crashAfter, crashAtRoll,
                backupAfter, replicationLatency);
    }

    @Test
    void aCrashAtARandomInstantFollowedByRebootAndMountRecoversEveryAcknowledgedMessage() {
        long master = Long.getLong(SEED_PROPERTY, new SplittableRandom().nextLong());
        int cases = Integer.getInteger(CASES_PROPERTY, 200);
        System.out.println("CrashRecoveryPropertyTest master seed: " + master + " (replay with -D" + SEED_PROPERTY
                + "=" + master + ")");
        SplittableRandom random = new SplittableRandom(master);
        long acknowledged = 0;
        long unacknowledgedHeld = 0;
        for (int i = 0; i < cases; i++) {
            Case c = draw(random);
            LossReport report;
            try {
                report = run(c);
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError("case " + i + " of master seed " + master + " failed: " + c, e);
            }
            acknowledged += report.acknowledged();
            unacknowledgedHeld += report.unacknowledgedHeld().size();
        }
        System.out.println("CrashRecoveryPropertyTest: " + cases + " crashes, " + acknowledged
                + " acknowledged messages all recovered, " + unacknowledgedHeld
                + " durable but unacknowledged messages also held");
        assertThat(acknowledged).isPositive();
    }

    static LossReport run(Case c) {
        // LUNs the heaviest case cannot fill (log disk full is LogDiskFullTest's business); thin, so they cost nothing
        StoreLab lab = c.replicationLatency() == null ? StoreLab.create(c.labSeed(), "1GB", "512MB")
                : StoreLab.replicated(c.labSeed(), "1GB", "512MB", c.replicationLatency());
        StorageGroupSettings settings = StoreLab.settings(c.format()).withLostLogResilienceDepth(c.depth())
                .withCircularLogging(c.circular()).withLogWriteLatency(c.latency()).withIdleLogRoll(c.idleRoll());
        StoreDatabase database = lab.mounted(settings);
        MailGenerator workload = new MailGenerator(lab.kernel, WorkloadSettings.of(
                List.of("alice", "bob", "carol", "dave", "erin"), c.rate(), c.sizes()), message -> database.isMounted()
                        ? Optional.of(database.deliver(message.id(), message.mailbox(), message.sizeBytes(),
                                message.checksum()))
                        : Optional.empty());
        workload.start();
        if (c.backupAfter() != null && c.backupAfter().compareTo(c.crashAfter()) < 0) {
            lab.kernel.scheduler().schedule(c.backupAfter(), () -> {
                if (database.isMounted()) {
                    database.storageGroup().backup();
                }
            });
        }
        boolean[] armed = {c.crashAtRoll() > 0};
        if (armed[0]) {
            // The harshest instant: in the middle of the k-th log roll, after the renames, before the database
            // writes and before the acknowledgements of the records just written (durable, not yet acknowledged).
            int[] rolls = {0};
            lab.kernel.journal().subscribe(entry -> {
                if (armed[0] && entry.name().equals(StoreEvents.LOG_ROLLED) && ++rolls[0] == c.crashAtRoll()) {
                    lab.host.crash();
                }
            });
        }
        lab.kernel.scheduler().runFor(c.crashAfter());
        lab.host.crash();
        armed[0] = false;
        workload.stop();
        lab.await(lab.host.powerOn());
        assertThat(database.readFile().header().state()).isEqualTo(DatabaseState.DIRTY_SHUTDOWN);
        Operation<Void> mount = database.mount();
        lab.await(mount);
        LossReport report = workload.ledger().lossAgainst(database.messageIds());
        assertThat(report.lost()).as("acknowledged messages lost").isEmpty();
        assertThat(report.unknown()).as("messages never submitted").isEmpty();
        for (long id : database.messageIds()) {
            MailMessage sent = workload.ledger().submitted().get(id);
            MessageRecord held = database.message(id).orElseThrow();
            assertThat(held.mailbox()).isEqualTo(sent.mailbox());
            assertThat(held.logicalSize()).isEqualTo(sent.sizeBytes());
            assertThat(held.checksum()).isEqualTo(sent.checksum());
        }
        return report;
    }
}
