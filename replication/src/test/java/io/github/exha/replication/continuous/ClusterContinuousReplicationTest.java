package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.run.StepResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClusterContinuousReplicationTest {
    @Test
    void ccrCopyOfTheTopologysCmsIsSeededAtLabBuildAndBecomesHealthyReplayingClosedLogsOnly() {
        ReplicationLab lab = new ReplicationLab();
        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        assertThat(copy.kind()).isEqualTo(CopyKind.CLUSTER);
        assertThat(copy.targetMachine()).isEqualTo("NODE2");
        assertThat(lab.group(ReplicationLab.CMS_SG).replicated()).isEqualTo(ReplicationKind.CLUSTER);

        lab.runFor(Duration.ofMinutes(2));

        CopyStatus status = lab.status(copy);
        assertThat(status.summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        assertThat(status.lastLogInspected()).isGreaterThan(50);
        Datacenter datacenter = lab.lab.instance(Datacenter.class);
        Host active = datacenter.host("NODE1");
        Host passive = datacenter.host("NODE2");
        LogDirectory source = LogDirectory.on(active, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        LogDirectory target = LogDirectory.on(passive, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        long current = source.currentHeader().orElseThrow().generation();
        // Only closed logs ship: the passive has no E00.log and is always behind the active's current log.
        assertThat(target.volume().exists(target.currentPath())).isFalse();
        assertThat(source.closedGenerations()).containsAll(target.closedGenerations());
        assertThat(copy.lastReplayed()).isLessThan(current).isGreaterThan(40);
        DatabaseFile replayed = DatabaseFile.read(passive.resolve("D:\\DB").volume(), "\\DB\\Mailbox Database.edb");
        assertThat(replayed.header().logRequired().low()).isEqualTo(copy.lastReplayed());

        String table = lab.text("Get-StorageGroupCopyStatus -Server CCRCMS");
        assertThat(table).contains("Name").contains("SummaryCopyStatus").contains("CopyQueueLength")
                .contains("ReplayQueueLength").contains("LastInspectedLogTime").contains("First Storage Group")
                .contains("Healthy");
    }

    private static final String PATH_MOVE = """
            Suspend-StorageGroupCopy -Identity "CCRCMS\\First Storage Group"
            Dismount-Database -Identity "CCRCMS\\First Storage Group\\Mailbox Database" -Confirm:$false
            Move-DatabasePath -Identity "CCRCMS\\First Storage Group\\Mailbox Database" -EdbFilePath "D:\\NewDB\\Mailbox Database.edb" -ConfigurationOnly -Confirm:$false
            Move-StorageGroupPath -Identity "CCRCMS\\First Storage Group" -LogFolderPath D:\\NewLogs -SystemFolderPath D:\\NewLogs -ConfigurationOnly -Confirm:$false
            Enter-PSSession NODE1
            move D:\\DB D:\\NewDB
            move D:\\Logs\\SG1 D:\\NewLogs
            Exit-PSSession
            """;

    @Test
    void afterAConfigurationOnlyPathMoveTheCcrCopyReplaysAtTheNewPathsOnThePassiveNode() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofMinutes(1));
        long replayedBefore = lab.copy(ReplicationLab.CMS_SG).lastReplayed();

        lab.run(PATH_MOVE + """
                Enter-PSSession NODE2
                move D:\\DB D:\\NewDB
                move D:\\Logs\\SG1 D:\\NewLogs
                Exit-PSSession
                Mount-Database -Identity "CCRCMS\\First Storage Group\\Mailbox Database"
                Resume-StorageGroupCopy -Identity "CCRCMS\\First Storage Group"
                """);
        lab.runFor(Duration.ofMinutes(1));

        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        assertThat(lab.status(copy).summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
        assertThat(copy.paths()).isEqualTo(new CopyPaths("D:\\NewLogs", "D:\\NewLogs", "D:\\NewDB\\Mailbox Database.edb"));
        assertThat(copy.lastReplayed()).isGreaterThan(replayedBefore + 20);
        Host passive = lab.lab.instance(Datacenter.class).host("NODE2");
        DatabaseFile replayed = DatabaseFile.read(passive.resolve("D:\\").volume(), "\\NewDB\\Mailbox Database.edb");
        assertThat(replayed.header().logRequired().low()).isEqualTo(copy.lastReplayed());
        assertThat(passive.resolve("D:\\").volume().exists("\\DB")).isFalse();
    }

    @Test
    void aPassiveNodeWhoseFilesWereNotMovedFailsItsCopyUntilItIsReseededAtTheNewPaths() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofMinutes(1));
        lab.run(PATH_MOVE + """
                Mount-Database -Identity "CCRCMS\\First Storage Group\\Mailbox Database"
                Resume-StorageGroupCopy -Identity "CCRCMS\\First Storage Group"
                """);
        lab.runFor(Duration.ofMinutes(1));

        StorageGroupCopy copy = lab.copy(ReplicationLab.CMS_SG);
        CopyStatus failed = lab.status(copy);
        assertThat(failed.summary()).isEqualTo(SummaryCopyStatus.FAILED);
        assertThat(failed.failedMessage()).contains("The system cannot find the path specified.")
                .contains("NewDB");

        lab.run("Update-StorageGroupCopy -Identity \"CCRCMS\\First Storage Group\" -DeleteExistingFiles "
                + "-Confirm:$false");
        lab.runFor(Duration.ofMinutes(1));
        assertThat(lab.status(copy).summary()).isEqualTo(SummaryCopyStatus.HEALTHY);
    }

    @Test
    void thePassiveDatabaseFileIsHeldByTheReplicationServiceUntilTheCopyIsSuspended() {
        ReplicationLab lab = new ReplicationLab();
        lab.runFor(Duration.ofMinutes(1));
        RunReport refused = lab.run("Enter-PSSession NODE2\nmove \"D:\\DB\\Mailbox Database.edb\" D:\\x.edb\n");
        StepResult move = refused.steps().get(1);
        assertThat(move.error().code()).isEqualTo("cluster.fs.sharing-violation");
        assertThat(move.error().message()).contains("D:\\DB\\Mailbox Database.edb is open in msexchangerepl.exe on "
                + "NODE2");

        String moved = lab.text("Suspend-StorageGroupCopy -Identity \"CCRCMS\\First Storage Group\"\n"
                + "Enter-PSSession NODE2\nmove \"D:\\DB\\Mailbox Database.edb\" D:\\x.edb\n");
        assertThat(moved).contains("1 file(s) moved.");
    }
}
