package io.github.exha.exchange.shell;

import static io.github.exha.exchange.shell.RealStoreLab.EXCH1_DB;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Datacenter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * eseutil /mh and /ml on the real store's files: a dismounted database reports Clean Shutdown and a crashed one Dirty
 * Shutdown with its log range.
 */
class EseutilTest {
    private static final String EDB = "'F:\\DB\\Mailbox Database.edb'";
    private final RealStoreLab shell = new RealStoreLab();

    @Test
    void aDismountedDatabaseIsInCleanShutdownAndRequiresNoLog() {
        String dump = shell.text("Start-Sleep -Seconds 600\nDismount-Database '" + EXCH1_DB + "' -Confirm:$false\n"
                + "Enter-PSSession EXCH1\neseutil /mh " + EDB);
        assertThat(dump).contains("Extensible Storage Engine Utilities for Microsoft(R) Exchange Server")
                .contains("Initiating FILE DUMP mode...")
                .contains("         Database: F:\\DB\\Mailbox Database.edb")
                .contains("        File Type: Database")
                .contains("   Format ulMagic: 0x89abcdef")
                .containsPattern(" Engine ulVersion: 0x620,\\d+")
                .contains("     DB Signature: Create time:")
                .contains("            State: Clean Shutdown")
                .contains("     Log Required: 0-0 (0x0-0x0)")
                .contains("    Log Signature: Create time:")
                .contains("Operation completed successfully in 0.16 seconds.");
    }

    @Test
    void aCrashedDatabaseIsInDirtyShutdownWithTheLogsItRequires() {
        shell.text("Set-MailboxDatabase '" + EXCH1_DB + "' -MountAtStartup:$false\nStart-Sleep -Seconds 1800");
        Host host = shell.lab.instance(Datacenter.class).host("EXCH1");
        host.crash();
        shell.lab.await(host.powerOn());
        assertThat(shell.store.isMounted(EXCH1_DB)).isFalse();
        String dump = shell.text("Enter-PSSession EXCH1\neseutil /mh " + EDB);
        assertThat(dump).contains("            State: Dirty Shutdown");
        Matcher range = Pattern.compile("Log Required: (\\d+)-(\\d+) \\(0x([0-9a-f]+)-0x([0-9a-f]+)\\)").matcher(dump);
        assertThat(range.find()).as(dump).isTrue();
        long low = Long.parseLong(range.group(1));
        assertThat(low).isPositive();
        assertThat(Long.parseLong(range.group(2))).isGreaterThanOrEqualTo(low);
        assertThat(Long.parseLong(range.group(3), 16)).isEqualTo(low);
        // Mounting replays the logs; the next dismount is clean again.
        assertThat(shell.text("Mount-Database '" + EXCH1_DB + "'\nDismount-Database '" + EXCH1_DB
                + "' -Confirm:$false\nEnter-PSSession EXCH1\neseutil /mh " + EDB))
                .contains("State: Clean Shutdown").contains("Log Required: 0-0");
    }

    @Test
    void mlDumpsALogHeaderAndChecksItsRecords() {
        shell.run("Start-Sleep -Seconds 1800");
        String dump = shell.text("Enter-PSSession EXCH1\neseutil /ml 'E:\\Logs\\SG1\\E0000000002.log'");
        assertThat(dump).contains("      Base name: e00")
                .contains("      lGeneration: 2 (0x2)")
                .contains("      Signature: Create time:")
                .contains("Integrity check passed for log file: E:\\Logs\\SG1\\E0000000002.log")
                .contains("Operation completed successfully");
    }

    @Test
    void mlWithABaseNameVerifiesEveryLogOfTheStream() {
        shell.run("Start-Sleep -Seconds 1800");
        String dump = shell.text("Enter-PSSession EXCH1\neseutil /ml E:\\Logs\\SG1\\E00");
        assertThat(dump).contains("Verifying log files...")
                .contains("      Log file: E:\\Logs\\SG1\\E0000000001.log - OK")
                .contains("      Log file: E:\\Logs\\SG1\\E00.log - OK")
                .contains("No damaged log files were found.");
    }

    @Test
    void aMissingFileEndsWithJetErrFileNotFound() {
        var step = shell.failed("Enter-PSSession EXCH1\neseutil /mh 'F:\\DB\\Nothing.edb'");
        assertThat(step.error().code()).isEqualTo("exchange.shell.ese-file-not-found");
        assertThat(step.error().message()).isEqualTo("Operation terminated with error -1811 (JET_errFileNotFound, "
                + "File not found) after 0.16 seconds. Error: Access to source database 'F:\\DB\\Nothing.edb' failed "
                + "with Jet error -1811.");
    }

    @Test
    void aFileThatIsNotADatabaseEndsWithJetErrDatabaseCorrupted() {
        shell.run("Start-Sleep -Seconds 1800");
        var step = shell.failed("Enter-PSSession EXCH1\neseutil /mh 'E:\\Logs\\SG1\\E0000000001.log'");
        assertThat(step.error().code()).isEqualTo("exchange.shell.ese-file-damaged");
        assertThat(step.error().message()).startsWith("Operation terminated with error -1206 (JET_errDatabaseCorrupted");
    }
}
