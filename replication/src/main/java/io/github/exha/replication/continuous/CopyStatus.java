package io.github.exha.replication.continuous;

import java.time.Instant;
import java.util.Optional;

/**
 * A copy's status as {@code Get-StorageGroupCopyStatus} reports it (DOMAIN.md §1). Generations are 0 and times empty
 * before the first log.
 *
 * @param identity {@code Server\Storage Group}
 * @param storageGroupName the storage group's name
 * @param kind LCR, CCR or SCR
 * @param targetMachine where the copy is
 * @param summary the summary status
 * @param failedMessage why the copy failed, empty otherwise
 * @param suspendComment the suspend comment, empty when none
 * @param copyQueueLength closed logs on the source not yet copied and inspected
 * @param replayQueueLength logs inspected but not yet replayed
 * @param lastLogGenerated the newest closed generation at the source
 * @param lastLogCopied the newest generation copied
 * @param lastLogInspected the newest generation inspected
 * @param lastLogReplayed the newest generation replayed
 * @param latestAvailableLogTime when the newest closed source log was created
 * @param lastCopiedLogTime when the newest copied log was created
 * @param lastInspectedLogTime when the newest inspected log was created
 * @param lastReplayedLogTime when the newest replayed log was created
 */
public record CopyStatus(String identity, String storageGroupName, CopyKind kind, String targetMachine,
        SummaryCopyStatus summary, String failedMessage, String suspendComment, long copyQueueLength,
        long replayQueueLength, long lastLogGenerated, long lastLogCopied, long lastLogInspected, long lastLogReplayed,
        Optional<Instant> latestAvailableLogTime, Optional<Instant> lastCopiedLogTime,
        Optional<Instant> lastInspectedLogTime, Optional<Instant> lastReplayedLogTime) {
}
