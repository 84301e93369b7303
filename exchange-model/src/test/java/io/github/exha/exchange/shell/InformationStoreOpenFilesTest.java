package io.github.exha.exchange.shell;

import static io.github.exha.exchange.shell.RealStoreLab.EXCH1_DB;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.OpenFile;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.run.StepResult;
import org.junit.jupiter.api.Test;

/**
 * The Information Store holds its storage group's log stream, checkpoint and mounted database files open, so cmd's
 * {@code move} cannot take them away from a mounted database; once it is dismounted they move.
 */
class InformationStoreOpenFilesTest {
    private final RealStoreLab shell = new RealStoreLab();
    private final Host exch1 = shell.lab.instance(Datacenter.class).host("EXCH1");

    @Test
    void aMountedDatabasesFilesAreOpenInStoreExeAndClosedLogsAreNot() {
        shell.text("Start-Sleep -Seconds 600");
        assertThat(shell.store.openFiles(exch1)).extracting(OpenFile::process).containsOnly("store.exe");
        assertThat(shell.store.openFiles(exch1)).extracting(OpenFile::path).containsExactlyInAnyOrder(
                "E:\\Logs\\SG1\\E00.log", "E:\\Logs\\SG1\\E00tmp.log", "E:\\Logs\\SG1\\E00res00001.jrs",
                "E:\\Logs\\SG1\\E00res00002.jrs", "E:\\Logs\\SG1\\E00.chk", "F:\\DB\\Mailbox Database.edb");
        assertThat(exch1.volume("E").exists("\\Logs\\SG1\\E0000000001.log")).isTrue();

        shell.text("Dismount-Database '" + EXCH1_DB + "' -Confirm:$false");
        assertThat(shell.store.openFiles(exch1)).isEmpty();
    }

    @Test
    void moveRefusesAMountedDatabaseFileAndMovesItOnceDismounted() {
        StepResult refused = shell.failed("Start-Sleep -Seconds 60\nEnter-PSSession EXCH1\n"
                + "move \"F:\\DB\\Mailbox Database.edb\" F:\\Moved.edb");
        assertThat(refused.error().code()).isEqualTo("cluster.fs.sharing-violation");
        assertThat(refused.error().message()).contains("F:\\DB\\Mailbox Database.edb is open in store.exe on EXCH1");
        assertThat(exch1.volume("F").exists("\\DB\\Mailbox Database.edb")).isTrue();
        assertThat(shell.store.isMounted(EXCH1_DB)).isTrue();

        assertThat(shell.text("Dismount-Database '" + EXCH1_DB + "' -Confirm:$false\nEnter-PSSession EXCH1\n"
                + "move \"F:\\DB\\Mailbox Database.edb\" F:\\Moved.edb")).contains("1 file(s) moved.");
        assertThat(exch1.volume("F").exists("\\Moved.edb")).isTrue();
    }
}
