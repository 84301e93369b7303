package io.github.exha.exchange.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Move-DatabasePath and Move-StorageGroupPath: the CCR refusal, -ConfigurationOnly, real moves on a host. */
class PathMoveCmdletsTest {
    private static final String CCR_DB = "'CCRCMS\\First Storage Group\\Mailbox Database'";
    private static final String DB1 = "'EXCH1\\First Storage Group\\Mailbox Database'";
    private final ShellLab shell = ShellLab.create();

    @Test
    void moveDatabasePathOnACcrServerWithoutConfigurationOnlyFailsWithEmsMessage() {
        var step = shell.failed("Move-DatabasePath " + CCR_DB + " -EdbFilePath 'D:\\DB\\Mailbox Database.edb'");
        assertThat(step.error().code()).isEqualTo("exchange.not-supported");
        assertThat(step.error().message()).isEqualTo("This operation cannot be performed on a remote server or a "
                + "clustered mailbox server in a cluster continuous replication environment. Please use the "
                + "-ConfigurationOnly option and then manually move the files.");
        assertThat(shell.directory.database(CCR_DB.replace("'", "")).edbFilePath())
                .isEqualTo("C:\\DB\\Mailbox Database.edb");
    }

    @Test
    void moveStorageGroupPathOnACcrServerWithoutConfigurationOnlyFailsToo() {
        var step = shell.failed("Move-StorageGroupPath -Identity:'CCRCMS\\First Storage Group' "
                + "-LogFolderPath:'D:\\Logs' -SystemFolderPath:'D:\\Logs'");
        assertThat(step.error().code()).isEqualTo("exchange.not-supported");
    }

    @Test
    void configurationOnlyChangesOnlyTheDirectoryOfADismountedCcrDatabase() {
        shell.run("Dismount-Database " + CCR_DB + " -Confirm:$false");
        shell.store.calls.clear();
        shell.text("Move-DatabasePath " + CCR_DB + " -EdbFilePath 'D:\\DB\\Mailbox Database.edb' -ConfigurationOnly");
        shell.text("Move-StorageGroupPath -Identity:'CCRCMS\\First Storage Group' -LogFolderPath:'D:\\Logs' "
                + "-SystemFolderPath:'D:\\Logs' -ConfigurationOnly");
        assertThat(shell.directory.database(CCR_DB.replace("'", "")).edbFilePath())
                .isEqualTo("D:\\DB\\Mailbox Database.edb");
        assertThat(shell.directory.storageGroup("CCRCMS\\First Storage Group").logFolderPath()).isEqualTo("D:\\Logs");
        assertThat(shell.store.calls).isEmpty();
    }

    @Test
    void configurationOnlyIsRefusedWhileTheDatabaseIsMounted() {
        shell.run("Mount-Database " + CCR_DB);
        var step = shell.failed("Move-DatabasePath " + CCR_DB + " -EdbFilePath 'D:\\DB\\x.edb' -ConfigurationOnly");
        assertThat(step.error().code()).isEqualTo("exchange.wrong-state");
        var group = shell.failed("Move-StorageGroupPath 'CCRCMS\\First Storage Group' -LogFolderPath 'D:\\L' "
                + "-ConfigurationOnly");
        assertThat(group.error().code()).isEqualTo("exchange.wrong-state");
    }

    @Test
    void onAStandAloneServerTheFileMovesAcrossVolumesAndTheDatabaseIsRemounted() {
        Host host = shell.lab.instance(Datacenter.class).host("EXCH1");
        write(host, "F:\\DB", "Mailbox Database.edb", "edb-bytes");
        shell.run("Mount-Database " + DB1);
        shell.store.calls.clear();
        shell.text("Move-DatabasePath " + DB1 + " -EdbFilePath 'E:\\Moved\\Mailbox Database.edb'");
        Volume e = host.volume("E");
        assertThat(e.exists("\\Moved\\Mailbox Database.edb")).isTrue();
        assertThat(e.size("\\Moved\\Mailbox Database.edb")).isEqualTo(9);
        assertThat(host.volume("F").exists("\\DB\\Mailbox Database.edb")).isFalse();
        assertThat(shell.store.calls).containsExactly("dismount EXCH1\\First Storage Group\\Mailbox Database",
                "mount EXCH1\\First Storage Group\\Mailbox Database");
        assertThat(shell.store.isMounted(DB1.replace("'", ""))).isTrue();
        assertThat(shell.directory.database(DB1.replace("'", "")).edbFilePath())
                .isEqualTo("E:\\Moved\\Mailbox Database.edb");
    }

    @Test
    void onAStandAloneServerTheStorageGroupsLogsAndCheckpointMoveByPrefix() {
        Host host = shell.lab.instance(Datacenter.class).host("EXCH1");
        write(host, "E:\\Logs\\SG1", "E00.chk", "c");
        write(host, "E:\\Logs\\SG1", "E0000000001.log", "log1");
        write(host, "E:\\Logs\\SG1", "E00.log", "log");
        write(host, "E:\\Logs\\SG1", "other.txt", "x");
        shell.text("Move-StorageGroupPath 'EXCH1\\First Storage Group' -LogFolderPath 'E:\\NewLogs' "
                + "-SystemFolderPath 'E:\\NewSystem'");
        Volume e = host.volume("E");
        assertThat(e.exists("\\NewLogs\\E0000000001.log")).isTrue();
        assertThat(e.exists("\\NewLogs\\E00.log")).isTrue();
        assertThat(e.exists("\\NewSystem\\E00.chk")).isTrue();
        assertThat(e.exists("\\Logs\\SG1\\other.txt")).isTrue();
        assertThat(shell.directory.storageGroup("EXCH1\\First Storage Group").systemFolderPath())
                .isEqualTo("E:\\NewSystem");
    }

    @Test
    void aMoveOntoAnExistingFileIsRefusedBeforeAnythingChanges() {
        Host host = shell.lab.instance(Datacenter.class).host("EXCH1");
        write(host, "F:\\DB", "Mailbox Database.edb", "edb");
        write(host, "F:\\Other", "Mailbox Database.edb", "old");
        shell.run("Mount-Database " + DB1);
        shell.store.calls.clear();
        var step = shell.failed("Move-DatabasePath " + DB1 + " -EdbFilePath 'F:\\Other\\Mailbox Database.edb'");
        assertThat(step.error().code()).isEqualTo("exchange.invalid-argument");
        assertThat(shell.store.calls).isEmpty();
        assertThat(shell.directory.database(DB1.replace("'", "")).edbFilePath())
                .isEqualTo("F:\\DB\\Mailbox Database.edb");
    }

    @Test
    void whatIfMovesNothing() {
        String text = shell.text("Move-DatabasePath " + DB1 + " -EdbFilePath 'E:\\M\\Mailbox Database.edb' -WhatIf");
        assertThat(text).contains("What if: Performing operation \"Move-DatabasePath\"");
        assertThat(shell.directory.database(DB1.replace("'", "")).edbFilePath())
                .isEqualTo("F:\\DB\\Mailbox Database.edb");
    }

    private void write(Host host, String folder, String name, String content) {
        Volume volume = host.resolve(folder).volume();
        if (!volume.exists(host.resolve(folder).path())) {
            shell.lab.await(host.createDirectory(folder));
        }
        String path = host.resolve(folder).path() + "\\" + name;
        volume.createFile(path);
        byte[] bytes = content.getBytes(StandardCharsets.US_ASCII);
        volume.append(path, bytes, 0, bytes.length);
        shell.lab.scheduler().runFor(Duration.ofSeconds(1));
    }
}
