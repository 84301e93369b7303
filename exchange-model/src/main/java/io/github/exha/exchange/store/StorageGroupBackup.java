package io.github.exha.exchange.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A full backup of a storage group, as a value: each mounted database's file as it was on disk, and the logs from the
 * checkpoint to the last log closed by the backup, which a restore replays (hard recovery).
 *
 * @param storageGroup the storage group's name
 * @param taken when the backup completed
 * @param databases the database files
 * @param logs the logs, in generation order
 */
public record StorageGroupBackup(String storageGroup, Instant taken, List<DatabaseFile> databases, List<LogFile> logs) {
    /** Validates the backup and copies its lists. */
    public StorageGroupBackup {
        Objects.requireNonNull(storageGroup, "storageGroup");
        Objects.requireNonNull(taken, "taken");
        databases = List.copyOf(databases);
        logs = List.copyOf(logs);
    }

    /** The copy of the database with GUID {@code guid}, if the backup holds one. */
    public Optional<DatabaseFile> database(UUID guid) {
        return databases.stream().filter(file -> file.header().owner().guid().equals(guid)).findFirst();
    }

    /** The generations of the logs it holds, {@link LogRange#NONE} when none. */
    public LogRange logRange() {
        return logs.isEmpty() ? LogRange.NONE
                : new LogRange(logs.get(0).generation(), logs.get(logs.size() - 1).generation());
    }
}
