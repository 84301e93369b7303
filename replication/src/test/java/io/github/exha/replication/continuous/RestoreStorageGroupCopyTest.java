package io.github.exha.replication.continuous;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.run.StepResult;
import io.github.exha.exchange.config.ReplicationKind;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.store.DatabaseFile;
import io.github.exha.exchange.store.DatabaseState;
import io.github.exha.exchange.store.LogDirectory;
import io.github.exha.exchange.store.LogFormat;
import io.github.exha.exchange.store.LogPrefix;
import java.time.Duration;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

class RestoreStorageGroupCopyTest {
    private static final String ENABLE_SCR = "Enable-StorageGroupCopy 'CCRCMS\\First Storage Group' "
            + "-StandbyMachine STBY -ReplayLagTime 0.0:0:0";
    private static final String RESTORE_SCR = "Restore-StorageGroupCopy 'CCRCMS\\First Storage Group' "
            + "-StandbyMachine STBY";
    private static final String CMS_DB = "CCRCMS\\First Storage Group\\Mailbox Database";

    @Test
    void unreachableSourceIsRefusedWithoutForceAndActivatedWithWhatWasCopiedWithForce() {
        ReplicationLab lab = new ReplicationLab();
        lab.text(ENABLE_SCR);
        lab.runFor(Duration.ofSeconds(90));
        StorageGroupCopy copy = lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY").orElseThrow();
        long inspected = copy.lastInspected();
        assertThat(copy.lastReplayed()).isLessThan(inspected - 40);
        Datacenter datacenter = lab.lab.instance(Datacenter.class);
        datacenter.host("NODE1").crash();
        datacenter.host("NODE2").crash();

        StepResult refused = lab.failed(RESTORE_SCR);
        assertThat(refused.error().message()).contains("Failed to copy remaining log files")
                .contains("Microsoft Exchange Replication service RPC failed");
        assertThat(lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY")).isPresent();

        lab.text(RESTORE_SCR + " -Force");
        assertThat(lab.lab.journal().entries()).anyMatch(e -> e.name().equals("warning")
                && e.attributes().get("message").contains("data loss is expected"));
        assertThat(lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY")).isEmpty();
        // Every copied log was replayed despite the 50-log hold, and the newest became the current log.
        assertThat(copy.lastReplayed()).isEqualTo(inspected);
        Host standby = datacenter.host("STBY");
        LogDirectory logs = LogDirectory.on(standby, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        assertThat(logs.currentHeader().orElseThrow().generation()).isEqualTo(inspected);
        WindowsPath edb = standby.resolve("D:\\DB\\Mailbox Database.edb");
        DatabaseFile file = DatabaseFile.read(edb.volume(), edb.path());
        assertThat(file.header().state()).isEqualTo(DatabaseState.DIRTY_SHUTDOWN);
        assertThat(file.header().logRequired().low()).isEqualTo(inspected);
        assertThat(file.header().logRequired().high()).isEqualTo(inspected);
    }

    @Test
    void reachableSourceNeedsTheDatabaseDismountedThenCopiesTheRemainingAndTheCurrentLog() {
        ReplicationLab lab = new ReplicationLab();
        lab.text(ENABLE_SCR);
        lab.runFor(Duration.ofSeconds(90));
        StepResult mounted = lab.failed(RESTORE_SCR);
        assertThat(mounted.error().message()).contains("is mounted").contains("Dismount-Database");

        lab.text("Dismount-Database '" + CMS_DB + "' -Confirm:$false");
        InformationStore store = lab.lab.instance(InformationStore.class);
        Datacenter datacenter = lab.lab.instance(Datacenter.class);
        Host node1 = datacenter.host("NODE1");
        LogDirectory sourceLogs = LogDirectory.on(node1, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        long sourceCurrent = sourceLogs.currentHeader().orElseThrow().generation();
        WindowsPath sourceEdb = node1.resolve("D:\\DB\\Mailbox Database.edb");
        SortedSet<Long> atSource = DatabaseFile.read(sourceEdb.volume(), sourceEdb.path()).messageIds();
        assertThat(store.isMounted(CMS_DB)).isFalse();

        lab.text(RESTORE_SCR);
        assertThat(lab.service.copy(lab.group(ReplicationLab.CMS_SG), "STBY")).isEmpty();
        Host standby = datacenter.host("STBY");
        LogDirectory logs = LogDirectory.on(standby, "D:\\Logs\\SG1", LogPrefix.E00, LogFormat.EXCHANGE_2007);
        assertThat(logs.currentHeader().orElseThrow().generation()).isEqualTo(sourceCurrent);
        assertThat(logs.closedGenerations()).contains(sourceCurrent - 1);
        WindowsPath edb = standby.resolve("D:\\DB\\Mailbox Database.edb");
        SortedSet<Long> atStandby = DatabaseFile.read(edb.volume(), edb.path()).messageIds();
        // What the current log holds is replayed at mount; everything before it is in the file already.
        SortedSet<Long> inCurrent = new java.util.TreeSet<>(atSource);
        inCurrent.removeAll(atStandby);
        assertThat(inCurrent.size()).isLessThan(atSource.size() / 10 + 20);
        assertThat(lab.lab.journal().entries()).anyMatch(e -> e.name().equals("copy.restored")
                && e.attributes().get("sourceReachable").equals("true"));
    }

    @Test
    void lcrRestoreWithReplaceLocationsMountsTheDatabaseFromTheCopysFiles() {
        ReplicationLab lab = new ReplicationLab();
        lab.text("""
                Enable-StorageGroupCopy 'EX1\\First Storage Group' -CopyLogFolderPath 'G:\\LCR\\SG1' -CopySystemFolderPath 'G:\\LCR\\SG1'
                Enable-DatabaseCopy 'EX1\\First Storage Group\\Mailbox Database' -CopyEdbFilePath 'G:\\LCR\\DB\\Mailbox Database.edb'
                """);
        lab.runFor(Duration.ofSeconds(60));
        StepResult notScr = lab.failed("Restore-StorageGroupCopy '" + ReplicationLab.CMS_SG + "' -StandbyMachine STBY");
        assertThat(notScr.error().message()).contains("does not have standby continuous replication enabled");
        lab.text("Dismount-Database 'EX1\\First Storage Group\\Mailbox Database' -Confirm:$false");
        InformationStore store = lab.lab.instance(InformationStore.class);
        Host ex1 = lab.lab.instance(Datacenter.class).host("EX1");
        WindowsPath production = ex1.resolve("F:\\DB\\Mailbox Database.edb");
        SortedSet<Long> before = DatabaseFile.read(production.volume(), production.path()).messageIds();

        lab.text("Restore-StorageGroupCopy 'EX1\\First Storage Group' -ReplaceLocations -Confirm:$false");
        assertThat(lab.group(ReplicationLab.EX1_SG).replicated()).isEqualTo(ReplicationKind.NONE);
        assertThat(lab.group(ReplicationLab.EX1_SG).logFolderPath()).isEqualTo("G:\\LCR\\SG1");
        assertThat(lab.directory.database("EX1\\First Storage Group\\Mailbox Database").edbFilePath())
                .isEqualTo("G:\\LCR\\DB\\Mailbox Database.edb");

        lab.text("Mount-Database 'EX1\\First Storage Group\\Mailbox Database'");
        assertThat(store.isMounted("EX1\\First Storage Group\\Mailbox Database")).isTrue();
        assertThat(store.heldMessages("EX1\\First Storage Group\\Mailbox Database").orElseThrow())
                .containsAll(before);
    }
}
