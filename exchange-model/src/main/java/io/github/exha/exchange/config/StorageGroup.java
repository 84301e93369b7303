package io.github.exha.exchange.config;

import java.util.Objects;
import java.util.UUID;

/**
 * A storage group: one log stream shared by its databases.
 *
 * @param guid the object's GUID
 * @param server the server that owns it
 * @param name its name, unique on the server ({@code First Storage Group})
 * @param logFolderPath where its logs live ({@code F:\Logs\First Storage Group})
 * @param systemFolderPath where its checkpoint and reserve logs live
 * @param logFilePrefix {@code E00} for the server's first storage group, {@code E01} for the second, ...
 * @param circularLoggingEnabled whether logs are deleted once the checkpoint passes them
 * @param recovery whether it is the recovery storage group
 * @param replicated its LCR or CCR copy
 */
public record StorageGroup(UUID guid, String server, String name, String logFolderPath, String systemFolderPath,
        String logFilePrefix, boolean circularLoggingEnabled, boolean recovery, ReplicationKind replicated) {

    /** Longest storage group name Exchange accepts. */
    public static final int MAX_NAME_LENGTH = 64;

    /** Validates the object. */
    public StorageGroup {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(server, "server");
        requireObjectName(name, "storage group", MAX_NAME_LENGTH);
        WindowsPaths.requireAbsolute(logFolderPath, "LogFolderPath");
        WindowsPaths.requireAbsolute(systemFolderPath, "SystemFolderPath");
        if (logFilePrefix == null || !logFilePrefix.matches("E[0-9]{2}")) {
            throw new IllegalArgumentException("log file prefix must be E00 to E99: " + logFilePrefix);
        }
        Objects.requireNonNull(replicated, "replicated");
    }

    /** {@code EXCHCMS\First Storage Group}. */
    public String identity() {
        return server + "\\" + name;
    }

    /** The same storage group with other paths. */
    public StorageGroup withPaths(String logFolder, String systemFolder) {
        return new StorageGroup(guid, server, name, logFolder, systemFolder, logFilePrefix, circularLoggingEnabled,
                recovery, replicated);
    }

    /** The same storage group with circular logging on or off. */
    public StorageGroup withCircularLogging(boolean enabled) {
        return new StorageGroup(guid, server, name, logFolderPath, systemFolderPath, logFilePrefix, enabled, recovery,
                replicated);
    }

    /** The same storage group with another replication state. */
    public StorageGroup withReplicated(ReplicationKind kind) {
        return new StorageGroup(guid, server, name, logFolderPath, systemFolderPath, logFilePrefix,
                circularLoggingEnabled, recovery, kind);
    }

    /** Checks an object name as Exchange does: not blank, not too long, no backslash (it separates identities). */
    static String requireObjectName(String name, String kind, int maxLength) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " needs a name");
        }
        if (!name.equals(name.strip())) {
            throw new IllegalArgumentException("the " + kind + " name '" + name
                    + "' must not start or end with a space");
        }
        if (name.length() > maxLength) {
            throw new IllegalArgumentException("the " + kind + " name '" + name + "' is longer than " + maxLength
                    + " characters");
        }
        if (name.contains("\\")) {
            throw new IllegalArgumentException("the " + kind + " name '" + name
                    + "' contains a backslash, which separates the parts of an identity");
        }
        return name;
    }
}
