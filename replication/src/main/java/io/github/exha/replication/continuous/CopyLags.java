package io.github.exha.replication.continuous;

import io.github.exha.core.error.ExhaException;
import java.time.Duration;

/**
 * An SCR copy's lags (DOMAIN.md §2): ReplayLagTime holds replay of a log until it is that old (default 1 day), and
 * TruncationLagTime keeps a replayed log at the target that much longer once it is gone on the source (default 0).
 * Both range from 0 to 7 days. LCR and CCR copies have {@link #NONE}.
 *
 * @param replayLag ReplayLagTime
 * @param truncationLag TruncationLagTime
 */
public record CopyLags(Duration replayLag, Duration truncationLag) {
    /** The longest lag Exchange accepts. */
    public static final Duration MAX_LAG = Duration.ofDays(7);
    /** ReplayLagTime when Enable-StorageGroupCopy -StandbyMachine does not give one. */
    public static final Duration DEFAULT_REPLAY_LAG = Duration.ofDays(1);
    /** No lag: LCR and CCR copies. */
    public static final CopyLags NONE = new CopyLags(Duration.ZERO, Duration.ZERO);

    /** Validates the lags against Exchange's bounds. */
    public CopyLags {
        requireBounded(replayLag, "ReplayLagTime");
        requireBounded(truncationLag, "TruncationLagTime");
    }

    /** An SCR copy's defaults: ReplayLagTime 1 day, TruncationLagTime 0. */
    public static CopyLags standbyDefaults() {
        return new CopyLags(DEFAULT_REPLAY_LAG, Duration.ZERO);
    }

    private static void requireBounded(Duration lag, String parameter) {
        if (lag == null || lag.isNegative() || lag.compareTo(MAX_LAG) > 0) {
            throw new ExhaException(ReplicationErrorCode.INVALID_ARGUMENT, "The value of " + parameter + " ("
                    + lag + ") is out of range: it must be between 00:00:00 and 7.00:00:00.");
        }
    }
}
