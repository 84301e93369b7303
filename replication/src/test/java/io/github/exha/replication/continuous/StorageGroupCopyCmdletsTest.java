package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.run.StepResult;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StorageGroupCopyCmdletsTest {
    private static final String ENABLE_LCR = """
            Enable-StorageGroupCopy 'EX1\\First Storage Group' -CopyLogFolderPath 'G:\\LCR\\SG1' -CopySystemFolderPath 'G:\\LCR\\SG1'
            Enable-DatabaseCopy 'EX1\\First Storage Group\\Mailbox Database' -CopyEdbFilePath 'G:\\LCR\\DB\\Mailbox Database.edb'
            """;

    @Test
    void lcrCopyEnabledWithCopyPathsBecomesHealthyOneLogBehindAtLeast() {
        ReplicationLab lab = new ReplicationLab();
        lab.text(ENABLE_LCR);
        assertThat(lab.group(ReplicationLab.EX1_SG).replicated()).isEqualTo(ReplicationKind.LOCAL);

        lab.runFor(Duration.ofMinutes(2));

        StorageGroupCopy copy = lab.copy(ReplicationLab.EX1_SG);
        assertThat(copy.kind()).isEqualTo(CopyKind.LOCAL);
        assertThat(lab.status(copy).summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        var host = lab.lab.instance(Datacenter.class).host("EX1");
        LogDirectory source = LogDirectory.on(host, "E:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        LogDirectory target = LogDirectory.on(host, "G:\\LCR\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        assertThat(target.volume().exists(target.currentPath())).isFalse();
        assertThat(copy.lastReplayed()).isGreaterThan(40)
                .isLessThan(source.currentHeader().orElseThrow().generation());
        assertThat(lab.text("Get-StorageGroupCopyStatus 'EX1\\First Storage Group' | fl"))
                .contains("SummaryCopyStatus").contains("Healthy").contains("LastLogReplayed")
                .contains("LastCopyNotificationedLogTime").contains("SuspendComment");
    }

    @Test
    void suspendedCopyNeitherCopiesNorReplaysUntilResumed() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofSeconds(30));
        lab.text("Suspend-StorageGroupCopy -Identity 'CCRCMS\\First Storage Group' -SuspendComment 'moving paths'");
        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        long inspected = copy.lastInspected();
        long replayed = copy.lastReplayed();

        lab.runFor(Duration.ofSeconds(30));
        CopyStatus suspended = lab.status(copy);
        assertThat(suspended.summary()).isEqualTo(SummaryCopyStatus.SUSPENDED);
        assertThat(suspended.suspendComment()).isEqualTo("moving paths");
        assertThat(copy.lastInspected()).isEqualTo(inspected);
        assertThat(copy.lastReplayed()).isEqualTo(replayed);
        assertThat(suspended.copyQueueLength()).isGreaterThan(10);
        // Suspending twice is not an error.
        lab.text("Suspend-StorageGroupCopy -Identity 'CCRCMS\\First Storage Group'");

        lab.text("Resume-StorageGroupCopy -Identity 'CCRCMS\\First Storage Group'");
        lab.runFor(Duration.ofSeconds(30));
        assertThat(lab.status(copy).summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        assertThat(copy.lastInspected()).isGreaterThan(inspected + 20);
        assertThat(copy.lastReplayed()).isGreaterThan(replayed + 20);
    }

    @Test
    void corruptShippedLogFailsInspectionOnEveryRetryThenTheCopyIsFailed() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofSeconds(20));
        lab.text("Suspend-StorageGroupCopy 'CCRCMS\\First Storage Group'");
        lab.runFor(Duration.ofSeconds(10));
        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        long damaged = copy.lastInspected() + 1;
        WindowsPath log = lab.lab.instance(Datacenter.class).host("NODE1").resolve("D:\\Logs\\SG1\\"
                + LogFormat.EXCHANGE_2007.generationName(LogPrefix.E00, damaged));
        Volume volume = log.volume();
        lab.lab.await(writeByte(lab, volume, log.path()));

        lab.text("Resume-StorageGroupCopy 'CCRCMS\\First Storage Group'");
        lab.runFor(Duration.ofSeconds(30));

        CopyStatus status = lab.status(copy);
        assertThat(status.summary()).isEqualTo(SummaryCopyStatus.FAILED);
        assertThat(status.failedMessage()).contains("generation " + damaged).contains("reseeded");
        assertThat(copy.lastInspected()).isEqualTo(damaged - 1);
        long failures = lab.lab.journal().entries().stream()
                .filter(e -> e.name().equals(ReplicationService.INSPECTION_FAILED))
                .filter(e -> e.attribute("generation").equals(Long.toString(damaged))).count();
        assertThat(failures).isEqualTo(1 + ReplicationService.INSPECTION_RETRIES);
        assertThat(lab.lab.journal().entries()).anyMatch(e -> e.type() == JournalEntry.Type.EVENT_LOG
                && e.name().equals(ReplicationService.COPY_FAILED));
    }

    private static io.github.exha.core.kernel.Operation<Void> writeByte(ReplicationLab lab, Volume volume,
            String path) {
        io.github.exha.core.kernel.Operation<Void> done = lab.lab.operations().create("damage " + path);
        // A flipped byte inside the first record: the record's checksum no longer matches (-501).
        volume.write(path, 4096 + 40, new byte[] {(byte) 0xFF}, 0, 1).whenComplete((v, e) -> done.complete(null));
        return done;
    }

    @Test
    void moveClusteredMailboxServerIsRefusedWhileTheCopyIsSuspended() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofSeconds(10));
        StepResult refused = lab.failed("""
                Suspend-StorageGroupCopy 'CCRCMS\\First Storage Group' -SuspendComment 'maintenance'
                Move-ClusteredMailboxServer -Identity CCRCMS -TargetMachine NODE2 -MoveComment 'test' -Confirm:$false
                """);
        assertThat(refused.error().message()).isEqualTo("Continuous replication is in a failed, seeding, or suspended "
                + "state on 'First Storage Group'. Move-ClusteredMailboxServer cannot be performed if one or more of "
                + "the server's storage group copies are in failed, seeding or suspended states.");
    }

    @Test
    void reseedIsRefusedWhileLogsExistAtTheTargetAndDeleteExistingFilesReseeds() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofSeconds(20));
        StepResult refused = lab.failed("""
                Suspend-StorageGroupCopy 'CCRCMS\\First Storage Group'
                Update-StorageGroupCopy 'CCRCMS\\First Storage Group'
                """);
        assertThat(refused.error().message()).isEqualTo("Log files already exist at 'D:\\Logs\\SG1'. They must be "
                + "removed before storage group seeding or reseeding can be performed. The '-DeleteExistingFiles' "
                + "switch can be used to delete the log files automatically.");

        lab.text("Update-StorageGroupCopy 'CCRCMS\\First Storage Group' -DeleteExistingFiles -Force");
        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        assertThat(copy.isSuspended()).isFalse();
        lab.runFor(Duration.ofSeconds(30));
        assertThat(lab.status(copy).summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        assertThat(lab.lab.journal().entries()).anyMatch(e -> e.name().equals("copy.seeded"));
    }

    @Test
    void updateWithManualResumeLeavesTheCopySuspended() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofSeconds(10));
        lab.text("Update-StorageGroupCopy 'CCRCMS\\First Storage Group' -DeleteExistingFiles -ManualResume");
        assertThat(lab.status(lab.copy(ReplicationLab.CMS_SG)).summary()).isEqualTo(SummaryCopyStatus.SUSPENDED);
    }

    @Test
    void aStorageGroupWithoutACopyIsDisabledAndOneThatCannotHaveOneIsNotSupported() {
        ReplicationLab lab = new ReplicationLab();
        assertThat(lab.text("Get-StorageGroupCopyStatus 'EX1\\First Storage Group'")).contains("Disabled");
        lab.text("New-MailboxDatabase -StorageGroup 'EX1\\First Storage Group' -Name 'Second Database' "
                + "-EdbFilePath 'F:\\DB\\Second Database.edb'");
        assertThat(lab.text("Get-StorageGroupCopyStatus 'EX1\\First Storage Group'")).contains("NotSupported");
    }
}
