package io.github.exha.exchange.store;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.util.Objects;

/**
 * How one storage group's store is set up: names, paths, log format and the knobs of its logging.
 *
 * @param name the storage group as messages and events name it, {@code MBX1\First Storage Group}
 * @param prefix the log stream's base name, {@code E00}
 * @param format the log format of the Exchange version
 * @param logFolder the Windows folder of the logs, {@code L:\Logs\SG1}
 * @param systemFolder the Windows folder of the checkpoint file (the system path), often the log folder
 * @param circularLogging whether logs are deleted once the checkpoint has passed them
 * @param lostLogResilienceDepth how many of the newest log generations the databases may not yet contain (the
 *     current log counts as one): database page writes lag the log by this many generations (DOMAIN.md §3; 1 for
 *     stand-alone, LCR and SCC servers)
 * @param binaries the ESE version stamp of the server's binaries; a database mounted under newer binaries is stamped
 *     with it
 * @param logWriteLatency how long a log write takes from the commit to the disk's acknowledgement: records committed
 *     within this window are written together (group commit). Zero writes every record at once
 * @param idleLogRoll after how long without new records a partly filled current log is closed; zero never closes one
 *     early
 */
public record StorageGroupSettings(String name, LogPrefix prefix, LogFormat format, String logFolder,
        String systemFolder, boolean circularLogging, int lostLogResilienceDepth, EseVersion binaries,
        Duration logWriteLatency, Duration idleLogRoll) {
    /** The lost log resilience depth of a stand-alone, LCR or SCC server. */
    public static final int DEFAULT_LOST_LOG_RESILIENCE_DEPTH = 1;
    /** CHOICE: 2 ms from commit to the array's acknowledgement of a log write, a healthy SAN's write latency. */
    public static final Duration DEFAULT_LOG_WRITE_LATENCY = Duration.ofMillis(2);

    /** Validates the settings. */
    public StorageGroupSettings {
        if (name == null || name.isBlank()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "a storage group needs a name");
        }
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(format, "format");
        requirePath(logFolder, "log folder");
        requirePath(systemFolder, "system folder");
        Objects.requireNonNull(binaries, "binaries");
        if (lostLogResilienceDepth < 1) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT,
                    "the lost log resilience depth is at least 1 (the current log): " + lostLogResilienceDepth);
        }
        if (logWriteLatency == null || logWriteLatency.isNegative()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the log write latency is zero or more: "
                    + logWriteLatency);
        }
        if (idleLogRoll == null || idleLogRoll.isNegative()) {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the idle log roll is zero (never) or more: "
                    + idleLogRoll);
        }
    }

    private static void requirePath(String path, String what) {
        if (path == null || path.length() < 3 || path.charAt(1) != ':' || path.charAt(2) != '\\') {
            throw new ExhaException(CoreErrorCode.INVALID_ARGUMENT, "the " + what + " is a full Windows path such as"
                    + " L:\\Logs\\SG1: " + path);
        }
    }

    /**
     * A storage group with prefix {@code E00}, the checkpoint in the log folder, circular logging off, lost log
     * resilience depth 1, the default log write latency and no idle log roll.
     */
    public static StorageGroupSettings of(String name, LogFormat format, String logFolder, EseVersion binaries) {
        return new StorageGroupSettings(name, LogPrefix.E00, format, logFolder, logFolder, false,
                DEFAULT_LOST_LOG_RESILIENCE_DEPTH, binaries, DEFAULT_LOG_WRITE_LATENCY, Duration.ZERO);
    }

    /** With another log prefix. */
    public StorageGroupSettings withPrefix(LogPrefix value) {
        return new StorageGroupSettings(name, value, format, logFolder, systemFolder, circularLogging,
                lostLogResilienceDepth, binaries, logWriteLatency, idleLogRoll);
    }

    /** With other log and system folders. */
    public StorageGroupSettings withFolders(String logs, String system) {
        return new StorageGroupSettings(name, prefix, format, logs, system, circularLogging, lostLogResilienceDepth,
                binaries, logWriteLatency, idleLogRoll);
    }

    /** With circular logging on or off. */
    public StorageGroupSettings withCircularLogging(boolean value) {
        return new StorageGroupSettings(name, prefix, format, logFolder, systemFolder, value, lostLogResilienceDepth,
                binaries, logWriteLatency, idleLogRoll);
    }

    /** With another lost log resilience depth. */
    public StorageGroupSettings withLostLogResilienceDepth(int value) {
        return new StorageGroupSettings(name, prefix, format, logFolder, systemFolder, circularLogging, value, binaries,
                logWriteLatency, idleLogRoll);
    }

    /** With the binaries' version stamp (after an upgrade of the server). */
    public StorageGroupSettings withBinaries(EseVersion value) {
        return new StorageGroupSettings(name, prefix, format, logFolder, systemFolder, circularLogging,
                lostLogResilienceDepth, value, logWriteLatency, idleLogRoll);
    }

    /** With another log write latency. */
    public StorageGroupSettings withLogWriteLatency(Duration value) {
        return new StorageGroupSettings(name, prefix, format, logFolder, systemFolder, circularLogging,
                lostLogResilienceDepth, binaries, value, idleLogRoll);
    }

    /** With another idle log roll (zero: never). */
    public StorageGroupSettings withIdleLogRoll(Duration value) {
        return new StorageGroupSettings(name, prefix, format, logFolder, systemFolder, circularLogging,
                lostLogResilienceDepth, binaries, logWriteLatency, value);
    }
}
