package io.github.exha.exchange.workload;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MailGenerator} generates.
 *
 * @param mailboxes the recipients, each message to one drawn uniformly; no duplicates; empty when the generator is
 *     given its recipients at each arrival instead
 * @param messagesPerSecond the mean arrival rate of the Poisson process
 * @param sizes the message size distribution
 * @param stream the name of the kernel's random stream to draw from (two generators with the same name share it)
 * @param retryInterval how often queued messages are offered again while the destination is unavailable
 * @param firstId the first message id; the next ones follow sequentially
 */
public record WorkloadSettings(List<String> mailboxes, double messagesPerSecond, SizeDistribution sizes, String stream,
        Duration retryInterval, long firstId) {
    /**
     * CHOICE: transport offers a queued message again after 1 minute, Exchange 2007's default
     * {@code MessageRetryInterval}.
     */
    public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMinutes(1);

    /** Validates the settings and copies the mailboxes. */
    public WorkloadSettings {
        mailboxes = List.copyOf(Objects.requireNonNull(mailboxes, "mailboxes"));
        if (mailboxes.stream().anyMatch(m -> m == null || m.isBlank())
                || new HashSet<>(mailboxes).size() != mailboxes.size()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a workload needs distinct, non-blank mailboxes: "
                    + mailboxes);
        }
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond)) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the message rate must be positive: "
                    + messagesPerSecond);
        }
        Objects.requireNonNull(sizes, "sizes");
        if (stream == null || stream.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a workload needs a random stream name");
        }
        if (retryInterval == null || retryInterval.isNegative() || retryInterval.isZero()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the retry interval must be positive: "
                    + retryInterval);
        }
        if (firstId < 0) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "message ids are not negative: " + firstId);
        }
    }

    /** Mail to {@code mailboxes} at {@code messagesPerSecond} with {@code sizes}, from stream {@code workload.mail}. */
    public static WorkloadSettings of(List<String> mailboxes, double messagesPerSecond, SizeDistribution sizes) {
        return new WorkloadSettings(mailboxes, messagesPerSecond, sizes, "workload.mail", DEFAULT_RETRY_INTERVAL, 1);
    }

    /** With another random stream name. */
    public WorkloadSettings withStream(String name) {
        return new WorkloadSettings(mailboxes, messagesPerSecond, sizes, name, retryInterval, firstId);
    }

    /** With another retry interval. */
    public WorkloadSettings withRetryInterval(Duration interval) {
        return new WorkloadSettings(mailboxes, messagesPerSecond, sizes, stream, interval, firstId);
    }

    /** Starting ids at {@code id}. */
    public WorkloadSettings withFirstId(long id) {
        return new WorkloadSettings(mailboxes, messagesPerSecond, sizes, stream, retryInterval, id);
    }
}
