package io.github.exha.replication.continuous;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseHeader;
import io.github.exha.exchange.store.DatabaseState;
import io.github.exha.exchange.store.LogDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Brings a reversed CCR copy (the old active node, now the target) in line with the new active's log stream
 * (DOMAIN.md §3): walks back from the copy's newest log to the last one identical to the source's, deletes the later
 * (divergent) logs, the current log and the checkpoint, and resumes copying after the match and replaying from what the
 * database file still requires. It fails when the database file already holds a divergent generation — the old active
 * wrote it before it died, which CCR SP1's lost log resilience depth of 10 avoids within the dial — or when no log
 * matches: then MSExchangeRepl event {@value #EVENT_INCREMENTAL_RESEED_FAILED} is journaled and the copy is Failed
 * until {@code Update-StorageGroupCopy} reseeds it in full.
 */
final class IncrementalReseed {
    /** MSExchangeRepl event ID of an incremental reseed error. */
    static final int EVENT_INCREMENTAL_RESEED_FAILED = 2058;
    /** Journaled when an incremental reseed repaired a copy. */
    static final String REPAIRED = "copy.incremental-reseed";
    /** Journaled (with event ID 2058) when it could not. */
    static final String FAILED = "copy.incremental-reseed-failed";

    private final Kernel kernel;

    IncrementalReseed(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Reseeds {@code copy} incrementally from {@code source}, or marks it Failed with event 2058. */
    void run(StorageGroupCopy copy, LogDirectory source, LogDirectory target, Host targetHost) {
        copy.resynchronizing = false;
        try {
            repair(copy, source, target, targetHost);
        } catch (ExhaException e) {
            failed(copy, e.getMessage());
        }
    }

    private void repair(StorageGroupCopy copy, LogDirectory source, LogDirectory target, Host targetHost) {
        TreeSet<Long> sourceClosed = new TreeSet<>(source.closedGenerations());
        // generation -> path of every log at the target, the current log under its generation
        Map<Long, String> targetLogs = new LinkedHashMap<>();
        for (long generation : target.closedGenerations()) {
            targetLogs.put(generation, target.generationPath(generation));
        }
        boolean hasCurrent = target.exists() && target.volume().exists(target.currentPath());
        if (hasCurrent) {
            target.currentHeader().ifPresent(h -> targetLogs.put(h.generation(), target.currentPath()));
        }
        long match = 0;
        List<Long> divergent = new ArrayList<>();
        for (long generation : new TreeSet<>(targetLogs.keySet()).descendingSet()) {
            if (sourceClosed.contains(generation) && same(source, source.generationPath(generation), target,
                    targetLogs.get(generation))) {
                match = generation;
                break;
            }
            divergent.add(generation);
        }
        if (match == 0) {
            failed(copy, "No log file at '" + copy.paths().logFolder() + "' on " + targetHost.name() + " matches the "
                    + "log stream of the active node.");
            return;
        }
        WindowsPath edb = targetHost.resolve(copy.paths().edbFile());
        if (!edb.volume().exists(edb.path())) {
            failed(copy, "The database file '" + copy.paths().edbFile() + "' is missing on " + targetHost.name() + ".");
            return;
        }
        DatabaseHeader header = DatabaseFile.read(edb.volume(), edb.path()).header();
        // A dirty file holds the generations below the ones it still requires; a clean one everything it was shut
        // down with.
        long holdsThrough = header.state() == DatabaseState.DIRTY_SHUTDOWN ? header.logRequired().low() - 1
                : targetLogs.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (holdsThrough > match) {
            failed(copy, "The database file '" + copy.paths().edbFile() + "' on " + targetHost.name() + " already "
                    + "contains log generation " + holdsThrough + ", but the logs diverge from the active node's after "
                    + "generation " + match + ".");
            return;
        }
        List<String> deleted = new ArrayList<>();
        for (long generation : divergent) {
            deleted.add(targetLogs.get(generation));
        }
        if (hasCurrent && !deleted.contains(target.currentPath())) {
            deleted.add(target.currentPath());
        }
        if (target.volume().exists(target.temporaryPath())) {
            deleted.add(target.temporaryPath());
        }
        WindowsPath checkpoint = targetHost.resolve(folderPath(copy.paths().systemFolder(),
                target.format().checkpointName(target.prefix())));
        deleted.forEach(path -> target.volume().delete(path));
        if (checkpoint.volume().exists(checkpoint.path())) {
            checkpoint.volume().delete(checkpoint.path());
        }
        copy.signature = source.read(match).signature();
        // A match found only in the current log (deleted above) is shipped again as the source's closed log.
        long kept = target.currentPath().equals(targetLogs.get(match)) ? match - 1 : match;
        copy.seeded = true;
        copy.failed = false;
        copy.failedMessage = "";
        copy.inspectionFailures = 0;
        copy.nextToCopy = kept + 1;
        copy.lastCopied = kept;
        copy.lastInspected = kept;
        copy.lastReplayed = Math.min(kept, holdsThrough);
        copy.replayedAt.clear();
        journal(JournalEntry.Type.EVENT_LOG, REPAIRED, copy, Map.of("lastMatchingGeneration", Long.toString(match),
                "deletedLogs", Integer.toString(divergent.size()), "divergent", Boolean.toString(!divergent.isEmpty()
                        && divergent.stream().anyMatch(sourceClosed::contains))));
    }

    // Two logs are the same when their record areas are byte for byte the same.
    private static boolean same(LogDirectory source, String sourcePath, LogDirectory target, String targetPath) {
        int length = (int) source.format().recordAreaEnd();
        byte[] a = new byte[length];
        byte[] b = new byte[length];
        source.volume().read(sourcePath, 0, a, 0, length);
        target.volume().read(targetPath, 0, b, 0, length);
        return Arrays.equals(a, b);
    }

    private void failed(StorageGroupCopy copy, String why) {
        copy.failed = true;
        copy.failedMessage = "The incremental reseed of storage group copy '" + copy.storageGroupIdentity() + "' on "
                + copy.targetMachine() + " failed: " + why + " Run Update-StorageGroupCopy to reseed it in full.";
        copy.seeded = true;
        copy.epoch++;
        copy.copying = false;
        copy.replaying = false;
        Map<String, String> more = new LinkedHashMap<>();
        more.put(JournalEntry.EVENT_ID, Integer.toString(EVENT_INCREMENTAL_RESEED_FAILED));
        more.put("message", copy.failedMessage);
        journal(JournalEntry.Type.EVENT_LOG, FAILED, copy, more);
    }

    private static String folderPath(String folder, String name) {
        return folder.endsWith("\\") ? folder + name : folder + "\\" + name;
    }

    private void journal(JournalEntry.Type type, String name, StorageGroupCopy copy, Map<String, String> more) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("storageGroup", copy.storageGroupIdentity());
        attributes.put("target", copy.targetMachine());
        attributes.putAll(new java.util.TreeMap<>(more));
        kernel.journal().append(type, ReplicationService.SOURCE, name, attributes);
    }
}
