package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.run.StepResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StandbyContinuousReplicationTest {
    private static final String ENABLE_SCR = "Enable-StorageGroupCopy “CCRCMS\\First Storage Group” "
            + "–StandbyMachine STBY –ReplayLagTime 0.0:0:0";

    @Test
    void scrCopyAtReplayLagTimeZeroStillHoldsBackFiftyLogs() {
        ReplicationLab lab = new ReplicationLab();
        lab.text(ENABLE_SCR);
        StorageGroupCopy copy = lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        long seededAt = copy.lastReplayed();

        lab.runFor(Duration.ofSeconds(40));
        assertThat(copy.lastInspected()).isGreaterThan(seededAt + 30);
        assertThat(copy.lastReplayed()).isEqualTo(seededAt);

        lab.runFor(Duration.ofSeconds(60));
        CopyStatus status = lab.status(copy);
        assertThat(status.summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        assertThat(copy.lastReplayed()).isGreaterThan(seededAt);
        assertThat(status.replayQueueLength()).isGreaterThanOrEqualTo(ReplicationService.STANDBY_REPLAY_HOLD)
                .isLessThanOrEqualTo(ReplicationService.STANDBY_REPLAY_HOLD + 2);
        assertThat(lab.text("Get-StorageGroupCopyStatus 'CCRCMS\\First Storage Group' -StandbyMachine STBY"))
                .contains("Healthy");
    }

    @Test
    void scrCopySeededFromTheLogsHasNoDatabaseFileUntilReplayPassesTheHold() {
        ReplicationLab lab = new ReplicationLab();
        lab.text(ENABLE_SCR);
        StorageGroupCopy copy = lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        WindowsPath edb = lab.lab.instance(Datacenter.class).host("STBY").resolve("D:\\DB\\Mailbox Database.edb");
        // DOMAIN.md §2: the source still has generation 1, so the logs ship from there and replay creates the file.
        assertThat(copy.lastReplayed()).isZero();
        lab.runFor(Duration.ofSeconds(40));
        assertThat(copy.lastInspected()).isLessThanOrEqualTo(ReplicationService.STANDBY_REPLAY_HOLD);
        assertThat(edb.volume().exists(edb.path())).as("no database before 50 logs").isFalse();

        lab.runFor(Duration.ofSeconds(60));
        assertThat(copy.lastReplayed()).isPositive();
        assertThat(edb.volume().exists(edb.path())).isTrue();
        assertThat(lab.text("Enter-PSSession STBY\nEseutil /mh 'D:\\DB\\Mailbox Database.edb'"))
                .contains("Dirty Shutdown").contains("Log Required: " + copy.lastReplayed());
    }

    @Test
    void aWanLinkSlowerThanTheLogRateLetsTheCopyQueueGrowAndAFastOneKeepsUp() {
        // The workload writes about 1 MB of log a second into the CMS.
        ReplicationLab slow = ReplicationLab.withStandbySite("512KB");
        slow.text(ENABLE_SCR);
        StorageGroupCopy slowCopy = slow.service.copy(slow.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        slow.runFor(Duration.ofSeconds(60));
        long queueAfterOneMinute = slow.status(slowCopy).copyQueueLength();
        slow.runFor(Duration.ofSeconds(60));
        assertThat(slow.status(slowCopy).copyQueueLength()).isGreaterThan(queueAfterOneMinute)
                .isGreaterThan(30);
        assertThat(slow.status(slowCopy).summary()).isEqualTo(SummaryCopyStatus.HEALTHY);

        ReplicationLab fast = ReplicationLab.withStandbySite("100MB");
        fast.text(ENABLE_SCR);
        StorageGroupCopy fastCopy = fast.service.copy(fast.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        fast.runFor(Duration.ofSeconds(120));
        assertThat(fast.status(fastCopy).copyQueueLength()).isLessThanOrEqualTo(2);
    }

    @Test
    void scrCopyWithTheDefaultReplayLagReplaysNothingOnTheFirstDay() {
        ReplicationLab lab = new ReplicationLab();
        lab.text("Enable-StorageGroupCopy 'CCRCMS\\First Storage Group' -StandbyMachine STBY");
        StorageGroupCopy copy = lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        assertThat(copy.lags()).isEqualTo(CopyLags.standbyDefaults());
        long seededAt = copy.lastReplayed();
        lab.runFor(Duration.ofMinutes(2));
        assertThat(copy.lastInspected()).isGreaterThan(seededAt + 60);
        assertThat(copy.lastReplayed()).isEqualTo(seededAt);
    }

    @Test
    void lagsAreBoundedAndCannotBeChangedInPlace() {
        ReplicationLab lab = new ReplicationLab();
        StepResult tooLong = lab.failed("Enable-StorageGroupCopy 'CCRCMS\\First Storage Group' -StandbyMachine STBY "
                + "-ReplayLagTime 7.00:00:01");
        assertThat(tooLong.error().message()).contains("ReplayLagTime").contains("7.00:00:00");

        lab.text(ENABLE_SCR);
        StepResult again = lab.failed("Enable-StorageGroupCopy 'CCRCMS\\First Storage Group' -StandbyMachine STBY "
                + "-ReplayLagTime 1.00:00:00");
        assertThat(again.error().message()).contains("cannot be changed in place").contains("Disable-StorageGroupCopy");

        lab.text("Disable-StorageGroupCopy 'CCRCMS\\First Storage Group' -StandbyMachine STBY -Confirm:$false");
        assertThat(lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY")).isEmpty();
    }

    @Test
    void replicationRefusesRecoveryCircularLoggingAndLagsWithoutStandbyMachine() {
        ReplicationLab lab = new ReplicationLab();
        StepResult lcrLag = lab.failed("Enable-StorageGroupCopy 'EX1\\First Storage Group' -CopyLogFolderPath "
                + "'G:\\LCR' -CopySystemFolderPath 'G:\\LCR' -ReplayLagTime 0.0:0:0");
        assertThat(lcrLag.error().message()).contains("-StandbyMachine");
        StepResult circular = lab.failed("""
                Set-StorageGroup 'EX1\\First Storage Group' -CircularLoggingEnabled $true
                Enable-StorageGroupCopy 'EX1\\First Storage Group' -CopyLogFolderPath 'G:\\LCR' -CopySystemFolderPath 'G:\\LCR'
                """);
        assertThat(circular.error().message()).contains("circular logging");
        StepResult ccrLcr = lab.failed("Enable-StorageGroupCopy 'CCRCMS\\First Storage Group' -CopyLogFolderPath "
                + "'D:\\LCR' -CopySystemFolderPath 'D:\\LCR'");
        assertThat(ccrLcr.error().message()).contains("clustered mailbox server");
        StepResult noDrive = lab.failed("""
                Set-StorageGroup 'EX1\\First Storage Group' -CircularLoggingEnabled $false
                Enable-StorageGroupCopy 'EX1\\First Storage Group' -StandbyMachine STBY
                """);
        assertThat(noDrive.error().message()).contains("does not exist on standby machine 'STBY'");
    }

    @Test
    void enablingAStandbyMachineThatIsDownFailsWithRpc1722AndCreatesNoCopy() {
        ReplicationLab lab = new ReplicationLab();
        lab.lab.instance(Datacenter.class).host("STBY").crash();
        StepResult enable = lab.failed(ENABLE_SCR);
        assertThat(enable.error().code()).isEqualTo("replication.service-unreachable");
        assertThat(enable.error().nativeCode()).startsWith("1722");
        assertThat(enable.error().message()).contains("'STBY'").contains("The RPC server is unavailable.");
        assertThat(lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY")).isEmpty();
    }
}
