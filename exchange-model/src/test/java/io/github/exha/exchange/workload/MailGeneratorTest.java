package io.github.exha.exchange.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MailGeneratorTest {
    private static final Instant START = Instant.parse("2008-03-01T08:00:00Z");
    private static final List<String> MAILBOXES = List.of("alice", "bob", "carol", "dave");

    /** A destination that takes everything and acknowledges after 2 ms, recording what it got. */
    private static final class Sink implements MailDestination {
        final Kernel kernel;
        final List<MailMessage> received = new ArrayList<>();
        boolean available = true;
        boolean failing;

        Sink(Kernel kernel) {
            this.kernel = kernel;
        }

        @Override
        public Optional<Operation<Void>> offer(MailMessage message) {
            if (!available) {
                return Optional.empty();
            }
            received.add(message);
            boolean fail = failing;
            return Optional.of(kernel.operations().completeAfter(Duration.ofMillis(2), "deliver " + message.id(),
                    () -> {
                        if (fail) {
                            throw new ExhaException(io.github.exha.core.error.CoreErrorCode.INVALID_STATE, "down");
                        }
                        return null;
                    }));
        }
    }

    private static List<MailMessage> generate(long seed, WorkloadSettings settings, Duration duration) {
        Kernel kernel = Kernel.create("w", seed, START);
        Sink sink = new Sink(kernel);
        MailGenerator generator = new MailGenerator(kernel, settings, sink);
        generator.start();
        kernel.scheduler().runFor(duration);
        return List.copyOf(generator.ledger().submitted().values());
    }

    @Test
    void theSameSeedGivesTheSameMessagesAtTheSameInstants() {
        WorkloadSettings settings = WorkloadSettings.of(MAILBOXES, 5, SizeDistribution.logNormal(25_000, 1.2,
                20_000_000));
        List<MailMessage> first = generate(42, settings, Duration.ofMinutes(10));
        List<MailMessage> second = generate(42, settings, Duration.ofMinutes(10));
        List<MailMessage> other = generate(43, settings, Duration.ofMinutes(10));
        assertThat(first).hasSizeGreaterThan(2000).isEqualTo(second).isNotEqualTo(other);
        assertThat(first).extracting(MailMessage::id).isEqualTo(java.util.stream.LongStream
                .rangeClosed(1, first.size()).boxed().toList());
        assertThat(first).allSatisfy(m -> assertThat(m.checksum())
                .isEqualTo(MailMessage.checksumOf(m.id(), m.mailbox(), m.sizeBytes())));
        assertThat(first).extracting(MailMessage::mailbox).containsAll(MAILBOXES);
    }

    @Test
    void arrivalsArePoissonAtTheConfiguredRate() {
        List<MailMessage> messages = generate(7, WorkloadSettings.of(MAILBOXES, 2, SizeDistribution.fixed(1000)),
                Duration.ofHours(1));
        // 7200 expected, standard deviation about 85
        assertThat(messages).hasSizeBetween(6860, 7540);
        // exponential gaps: about 1/e of them longer than the mean gap
        long longGaps = 0;
        for (int i = 1; i < messages.size(); i++) {
            if (Duration.between(messages.get(i - 1).submitted(), messages.get(i).submitted()).toMillis() > 500) {
                longGaps++;
            }
        }
        assertThat((double) longGaps / messages.size()).isBetween(0.33, 0.40);
    }

    @Test
    void sizesFollowTheirDistribution() {
        assertThat(generate(1, WorkloadSettings.of(MAILBOXES, 10, SizeDistribution.fixed(4096)), Duration.ofMinutes(1)))
                .allSatisfy(m -> assertThat(m.sizeBytes()).isEqualTo(4096));

        List<MailMessage> uniform = generate(1, WorkloadSettings.of(MAILBOXES, 10,
                SizeDistribution.uniform(1000, 3000)), Duration.ofMinutes(30));
        assertThat(uniform).allSatisfy(m -> assertThat(m.sizeBytes()).isBetween(1000L, 3000L));
        assertThat(uniform.stream().mapToLong(MailMessage::sizeBytes).average().orElseThrow()).isBetween(1950.0, 2050.0);

        List<MailMessage> logNormal = generate(1, WorkloadSettings.of(MAILBOXES, 10,
                SizeDistribution.logNormal(25_000, 1.2, 1_000_000)), Duration.ofMinutes(30));
        long[] sizes = logNormal.stream().mapToLong(MailMessage::sizeBytes).sorted().toArray();
        assertThat(sizes[sizes.length / 2]).isBetween(23_000L, 27_000L);
        assertThat(Arrays.stream(sizes).max().orElseThrow()).isLessThanOrEqualTo(1_000_000);
        assertThat(Arrays.stream(sizes).average().orElseThrow()).isGreaterThan(40_000);
    }

    @Test
    void mailForAnUnavailableDestinationStaysQueuedAndIsRetriedInOrderOnTheInterval() {
        Kernel kernel = Kernel.create("w", 3, START);
        Sink sink = new Sink(kernel);
        sink.available = false;
        MailGenerator generator = new MailGenerator(kernel, WorkloadSettings.of(MAILBOXES, 1,
                SizeDistribution.fixed(100)).withRetryInterval(Duration.ofSeconds(30)), sink);
        generator.start();
        kernel.scheduler().runFor(Duration.ofMinutes(2));
        generator.stop();
        List<MailMessage> queued = generator.queued();
        assertThat(queued).isNotEmpty().hasSize((int) generator.ledger().submittedCount());
        assertThat(generator.ledger().acknowledgedCount()).isZero();

        sink.available = true;
        kernel.scheduler().runFor(Duration.ofSeconds(31));
        assertThat(generator.queued()).isEmpty();
        assertThat(sink.received).isEqualTo(queued);
        assertThat(generator.ledger().acknowledgedIds()).containsExactlyElementsOf(
                queued.stream().map(MailMessage::id).toList());
        assertThat(generator.isRunning()).isFalse();
    }

    @Test
    void aFailedDeliveryIsQueuedAgainAndCountedOnceAcknowledged() {
        Kernel kernel = Kernel.create("w", 3, START);
        Sink sink = new Sink(kernel);
        sink.failing = true;
        MailGenerator generator = new MailGenerator(kernel, WorkloadSettings.of(MAILBOXES, 1,
                SizeDistribution.fixed(100)), sink);
        MailMessage message = generator.submitNext();
        kernel.scheduler().runFor(Duration.ofSeconds(1));
        assertThat(generator.queued()).containsExactly(message);
        assertThat(generator.ledger().failedAttempts()).isEqualTo(1);
        sink.failing = false;
        kernel.scheduler().runFor(Duration.ofMinutes(1));
        assertThat(generator.ledger().acknowledgedIds()).containsExactly(message.id());
        assertThat(generator.ledger().attempts()).isEqualTo(2);
        assertThat(generator.inFlight()).isZero();
    }

    @Test
    void lossIsCountedExactlyAgainstTheIdsADatabaseHolds() {
        Kernel kernel = Kernel.create("w", 5, START);
        Sink sink = new Sink(kernel);
        MailGenerator generator = new MailGenerator(kernel, WorkloadSettings.of(MAILBOXES, 1,
                SizeDistribution.fixed(100)), sink);
        for (int i = 0; i < 10; i++) {
            generator.submitNext();
        }
        kernel.scheduler().runFor(Duration.ofMillis(2));
        MailMessage unacknowledged = generator.submitNext();
        assertThat(generator.ledger().acknowledgedIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        LossReport report = generator.ledger().lossAgainst(List.of(1L, 2L, 4L, 5L, 6L, 7L, 8L, 9L, unacknowledged.id(),
                500L));
        assertThat(report.acknowledged()).isEqualTo(10);
        assertThat(report.held()).isEqualTo(10);
        assertThat(report.lost()).containsExactly(3L, 10L);
        assertThat(report.lostCount()).isEqualTo(2);
        assertThat(report.unacknowledgedHeld()).containsExactly(unacknowledged.id());
        assertThat(report.unknown()).containsExactly(500L);
        assertThat(report.isLossless()).isFalse();
        assertThat(generator.ledger().lossAgainst(new TreeSet<>(generator.ledger().acknowledgedIds())).isLossless())
                .isTrue();
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> WorkloadSettings.of(List.of("a", " "), 1, SizeDistribution.fixed(1)))
                .isInstanceOf(ExhaException.class);
        assertThatThrownBy(() -> WorkloadSettings.of(List.of("a", "a"), 1, SizeDistribution.fixed(1)))
                .isInstanceOf(ExhaException.class);
        assertThatThrownBy(() -> WorkloadSettings.of(MAILBOXES, 0, SizeDistribution.fixed(1)))
                .isInstanceOf(ExhaException.class);
        assertThatThrownBy(() -> SizeDistribution.uniform(10, 5)).isInstanceOf(ExhaException.class);
        assertThatThrownBy(() -> SizeDistribution.logNormal(0, 1, 10)).isInstanceOf(ExhaException.class);
        assertThatThrownBy(() -> SizeDistribution.logNormal(10, 1, 5)).isInstanceOf(ExhaException.class);
    }
}
