package io.github.exha.replication.continuous;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.exchange.config.StorageGroup;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFile;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.exchange.store.StorageGroupStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The file work of {@code Restore-StorageGroupCopy} on one copy: stops its pipeline, copies the logs the copy does not
 * have yet from a reachable source (every remaining closed log and the current log {@code E00.log}), replays every
 * inspected log into the passive database ignoring ReplayLagTime and SCR's 50-log hold, and leaves the copy's folder
 * with a current log so that {@code Mount-Database}'s recovery can start from it. With the source gone, the newest
 * inspected log becomes the current log instead (see {@link #promoteNewestLog}).
 *
 * <p>Every step takes virtual time: {@link HostConnectivity#transferTime} per shipped log and
 * {@link StorageGroupStore#REPLAY_TIME_PER_MEGABYTE} per replayed log.
 */
final class CopyActivation {
    private static final long MEGABYTE = 1L << 20;

    private final Kernel kernel;
    private final StorageGroupCopy copy;
    private final StorageGroup group;
    private final HostConnectivity connectivity;
    private final Host target;
    private final Optional<Host> source;
    private final LogDirectory targetLogs;
    private final Operation<Long> operation;
    private int copied;
    private int replayed;

    /**
     * An activation of {@code copy} on {@code target}; {@code source} is the source's host when it is reachable.
     */
    CopyActivation(Kernel kernel, HostConnectivity connectivity, StorageGroupCopy copy, StorageGroup group,
            Host target, Optional<Host> source) {
        this.kernel = kernel;
        this.connectivity = connectivity;
        this.copy = copy;
        this.group = group;
        this.target = target;
        this.source = source;
        this.targetLogs = logs(target, copy.paths().logFolder(), group);
        this.operation = kernel.operations().create("restore the storage group copy " + copy);
    }

    /**
     * Runs the activation. The operation completes with the generation of the copy's current log (0 when the copy
     * holds no log at all), or fails with the file system's or ESE's error.
     */
    Operation<Long> start() {
        // Stop the copier and replayer: a log in flight from before finds its epoch stale and is dropped.
        copy.epoch++;
        copy.copying = false;
        copy.replaying = false;
        if (source.isPresent()) {
            operation.waitingFor("the remaining logs to be copied from " + source.get().name());
            copyNext(logs(source.get(), group.logFolderPath(), group));
        } else {
            replayNext();
        }
        return operation;
    }

    /** How many logs the activation copied, including the current log. */
    int copiedLogs() {
        return copied;
    }

    /** How many logs the activation replayed. */
    int replayedLogs() {
        return replayed;
    }

    // ---- copying the remaining logs ------------------------------------------------------------------------------

    private void copyNext(LogDirectory sourceLogs) {
        List<Long> closed;
        try {
            closed = sourceLogs.closedGenerations();
        } catch (ExhaException unreadable) {
            fail(unreadable);
            return;
        }
        if (!closed.contains(copy.nextToCopy)) {
            copyCurrent(sourceLogs);
            return;
        }
        long generation = copy.nextToCopy;
        kernel.scheduler().schedule(copyTime(sourceLogs.format()), () -> {
            String to = targetLogs.generationPath(generation);
            transfer(sourceLogs, sourceLogs.generationPath(generation), to).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    fail(failure);
                    return;
                }
                LogFile log;
                try {
                    log = targetLogs.read(generation);
                    requireSameStream(log);
                } catch (ExhaException damaged) {
                    fail(damaged);
                    return;
                }
                copied++;
                copy.lastCopied = generation;
                copy.lastCopiedTime = log.header().created();
                copy.lastInspected = generation;
                copy.lastInspectedTime = log.header().created();
                copy.nextToCopy = generation + 1;
                copyNext(sourceLogs);
            });
        });
    }

    // The current log is copied last: with every database of the storage group dismounted it no longer changes.
    private void copyCurrent(LogDirectory sourceLogs) {
        if (!sourceLogs.volume().exists(sourceLogs.currentPath())) {
            replayNext();
            return;
        }
        kernel.scheduler().schedule(copyTime(sourceLogs.format()), () -> transfer(sourceLogs,
                sourceLogs.currentPath(), targetLogs.currentPath()).whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        fail(failure);
                        return;
                    }
                    try {
                        requireSameStream(targetLogs.readCurrent());
                    } catch (ExhaException damaged) {
                        fail(damaged);
                        return;
                    }
                    copied++;
                    replayNext();
                }));
    }

    private void requireSameStream(LogFile log) {
        if (copy.signature != null && !log.signature().equals(copy.signature)) {
            throw new ExhaException(ReplicationErrorCode.ACTIVATION_REFUSED, "Log file " + log.name()
                    + " belongs to another log stream (" + log.signature().display() + ") than the copy's database ("
                    + copy.signature.display() + ").");
        }
    }

    // Byte for byte, sparse like the source: the record area and the last byte.
    private CompletableFuture<Void> transfer(LogDirectory sourceLogs, String from, String to) {
        try {
            LogFormat format = sourceLogs.format();
            byte[] area = new byte[(int) format.recordAreaEnd()];
            sourceLogs.volume().read(from, 0, area, 0, area.length);
            byte[] last = new byte[1];
            sourceLogs.volume().read(from, format.logSize() - 1, last, 0, 1);
            WindowsPath folder = target.resolve(copy.paths().logFolder());
            if (!folder.volume().isDirectory(folder.path())) {
                target.createDirectory(copy.paths().logFolder());
            }
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            if (targetLogs.volume().exists(to)) {
                writes.add(targetLogs.volume().delete(to));
            }
            writes.add(targetLogs.volume().createFile(to));
            writes.add(targetLogs.volume().write(to, 0, area, 0, area.length));
            writes.add(targetLogs.volume().write(to, format.logSize() - 1, last, 0, 1));
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        } catch (ExhaException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---- replaying everything that was copied --------------------------------------------------------------------

    private void replayNext() {
        long generation = copy.lastReplayed + 1;
        WindowsPath edb = target.resolve(copy.paths().edbFile());
        if (generation > copy.lastInspected || !edb.volume().exists(edb.path())) {
            // No database file yet (an SCR copy seeded from the logs, still within its hold): the logs start at
            // generation 1, and Mount-Database's recovery creates the file from them.
            finish();
            return;
        }
        operation.waitingFor("generation " + generation + " to be replayed on " + target.name());
        LogFile log;
        try {
            log = targetLogs.read(generation);
        } catch (ExhaException damaged) {
            fail(damaged);
            return;
        }
        Duration time = Duration.ofNanos(StorageGroupStore.REPLAY_TIME_PER_MEGABYTE.toNanos()
                * targetLogs.format().logSize() / MEGABYTE);
        kernel.scheduler().schedule(time, () -> {
            CompletableFuture<DatabaseFile> done;
            try {
                done = DatabaseFile.replay(edb.volume(), edb.path(), log);
            } catch (ExhaException e) {
                done = CompletableFuture.failedFuture(e);
            }
            done.whenComplete((file, failure) -> {
                if (failure != null) {
                    fail(failure);
                    return;
                }
                replayed++;
                copy.lastReplayed = generation;
                copy.lastReplayedTime = log.header().created();
                replayNext();
            });
        });
    }

    private void finish() {
        if (targetLogs.exists() && targetLogs.volume().exists(targetLogs.currentPath())) {
            operation.complete(targetLogs.readCurrent().header().generation());
            return;
        }
        promoteNewestLog();
    }

    /**
     * CHOICE: with the source gone there is no {@code E00.log} to copy, and ESE will not start a log stream whose
     * current log is missing while older generations are there. The activation renames the newest inspected log to
     * {@code E00.log}: the database (Dirty Shutdown, requiring just that generation after the replay) recovers from it
     * at mount and the stream continues from the copy's own last log, so whatever the source wrote after it is lost
     * (DOMAIN.md §3: the activated copy continues numbering from its own last log).
     */
    private void promoteNewestLog() {
        long newest = copy.lastInspected;
        if (newest <= 0 || !targetLogs.volume().exists(targetLogs.generationPath(newest))) {
            operation.complete(0L);
            return;
        }
        targetLogs.volume().rename(targetLogs.generationPath(newest), targetLogs.currentPath())
                .whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        fail(failure);
                    } else {
                        operation.complete(newest);
                    }
                });
    }

    private void fail(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        ExhaException error = cause instanceof ExhaException e ? e : new ExhaException(
                ReplicationErrorCode.ACTIVATION_REFUSED, String.valueOf(cause.getMessage()));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("storageGroup", copy.storageGroupIdentity());
        attributes.put("target", copy.targetMachine());
        attributes.put("error", error.getMessage());
        kernel.journal().append(JournalEntry.Type.EVENT_LOG, ReplicationService.SOURCE, "copy.restore-failed",
                attributes);
        operation.fail(error);
    }

    private static LogDirectory logs(Host host, String folder, StorageGroup group) {
        return LogDirectory.on(host, folder, new LogPrefix(group.logFilePrefix()), LogFormat.EXCHANGE_2007);
    }

    // Over the path from the reachable source (only then are logs copied).
    private Duration copyTime(LogFormat format) {
        return connectivity.transferTime(source.orElseThrow(), target, format.logSize());
    }
}
