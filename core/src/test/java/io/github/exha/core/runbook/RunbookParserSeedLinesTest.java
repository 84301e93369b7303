package io.github.exha.core.runbook;

import static io.github.exha.core.runbook.RunbookAst.FILE;
import static io.github.exha.core.runbook.RunbookAst.arg;
import static io.github.exha.core.runbook.RunbookAst.at;
import static io.github.exha.core.runbook.RunbookAst.col;
import static io.github.exha.core.runbook.RunbookAst.command;
import static io.github.exha.core.runbook.RunbookAst.param;
import static io.github.exha.core.runbook.RunbookAst.quoted;
import static io.github.exha.core.runbook.RunbookAst.slash;
import static io.github.exha.core.runbook.RunbookAst.variable;
import static io.github.exha.core.runbook.RunbookAst.word;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published command lines the seeds quote parse verbatim, dashes and curly quotes included, to a full AST. */
class RunbookParserSeedLinesTest {

    static List<String> seedLines() {
        try (InputStream in = RunbookParserSeedLinesTest.class.getResourceAsStream("/runbooks/seed-lines.ps1")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertParses(String line, CommandCall... pipeline) {
        Runbook runbook = RunbookParser.parse(FILE, line);
        assertThat(runbook).isEqualTo(new Runbook(FILE, List.of(new Statement(at(1, 1), line, List.of(pipeline)))));
    }

    private static String seed(int number) {
        return seedLines().get(number - 1);
    }

    @Test
    void seedResourceHoldsTheEighteenPublishedLines() {
        assertThat(seedLines()).hasSize(18);
        assertThat(seed(1)).contains("\u2013server");
        assertThat(seed(2)).contains("\u201CCCREX01\\First Storage Group\u201D");
    }

    @Test
    void enDashParametersAndPipelineIntoAttachedUppercaseTrue() {
        String line = seed(1);
        assertThat(line).isEqualTo("Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase –allowfilerestore:$TRUE");
        assertThat(col(line, "–server")).isEqualTo(21);
        assertParses(line,
                command("Get-MailboxDatabase", at(1, 1),
                        param("–server", at(1, 21)),
                        arg(word("Exchange-DR", at(1, 29)))),
                command("Set-MailboxDatabase", at(1, 43),
                        param("–allowfilerestore:", variable("TRUE", at(1, 81)), at(1, 63))));
    }

    @Test
    void curlyQuotedIdentityAndTimeSpanBareWord() {
        String line = seed(2);
        assertParses(line,
                command("Enable-StorageGroupCopy", at(1, 1),
                        arg(quoted("CCREX01\\First Storage Group", at(1, 25))),
                        param("–StandbyMachine", at(1, col(line, "–StandbyMachine"))),
                        arg(word("NH-W2K3-SRV03", at(1, col(line, "NH-W2K3")))),
                        param("–ReplayLagTime", at(1, col(line, "–ReplayLagTime"))),
                        arg(word("0.0:0:0", at(1, col(line, "0.0:0:0"))))));
    }

    @Test
    void curlyQuotedDatabaseAndEnDashConfirmFalse() {
        String line = seed(3);
        assertParses(line,
                command("Dismount-Database", at(1, 1),
                        arg(quoted("CCREX01\\Second Storage Group\\Public Folder Database", at(1, 19))),
                        param("–Confirm:", variable("false", at(1, col(line, "$false"))), at(1, col(line, "–Confirm")))));
    }

    @Test
    void restoreWithStandbyMachineAndForceSwitch() {
        String line = seed(4);
        assertParses(line,
                command("Restore-StorageGroupCopy", at(1, 1),
                        arg(quoted("CCREX01\\First Storage Group", at(1, 26))),
                        param("–StandbyMachine", at(1, col(line, "–StandbyMachine"))),
                        arg(word("NH-W2K3-SRV03", at(1, col(line, "NH-W2K3")))),
                        param("–Force", at(1, col(line, "–Force")))));
    }

    @Test
    void positionalServerAndCurlyQuotedStopReason() {
        String line = seed(5);
        assertParses(line,
                command("Stop-ClusteredMailboxServer", at(1, 1),
                        arg(word("CCREX01", at(1, 29))),
                        param("–StopReason", at(1, 37)),
                        arg(quoted("Moving back to production data center", at(1, 49)))));
    }

    @Test
    void hyphenParametersWithBareValues() {
        String line = seed(6);
        assertParses(line,
                command("Move-ClusteredMailboxServer", at(1, 1),
                        param("-Identity", at(1, 29)),
                        arg(word("exchcms", at(1, 39))),
                        param("-TargetMachine", at(1, col(line, "-TargetMachine"))),
                        arg(word("exchmailbox2", at(1, col(line, "exchmailbox2")))),
                        param("-MoveComment", at(1, col(line, "-MoveComment"))),
                        arg(word("Testing", at(1, col(line, "Testing"))))));
    }

    @Test
    void commandsWithoutElements() {
        assertParses(seed(7), command("Get-ClusteredMailboxServerStatus", at(1, 1)));
        assertParses(seed(8), command("Get-StorageGroup", at(1, 1)));
        assertParses(seed(11), command("setup.com", at(1, 1),
                slash("upgradeCMS", null, "/upgradeCMS", at(1, 11))));
    }

    @Test
    void setupSlashSwitchesSplitAtTheFirstColon() {
        assertParses(seed(9),
                command("Setup.com", at(1, 1),
                        slash("ClearLocalCMS", null, "/ClearLocalCMS", at(1, 11)),
                        slash("CMSName", "CCREX01", "/CMSName:CCREX01", at(1, 26))));
        String line = seed(10);
        assertParses(line,
                command("setup.com", at(1, 1),
                        slash("RecoverCMS", null, "/RecoverCMS", at(1, 11)),
                        slash("CMSName", "CCREX01", "/CMSName:CCREX01", at(1, 23)),
                        slash("CMSIPAddress", "192.168.10.50", "/CMSIPAddress:192.168.10.50",
                                at(1, col(line, "/CMSIPAddress")))));
    }

    @Test
    void shortParameterAndHyphenatedFeatureName() {
        assertParses(seed(12),
                command("ServerManagerCmd", at(1, 1),
                        param("-i", at(1, 18)),
                        arg(word("Web-ISAPI-Ext", at(1, 21)))));
    }

    @Test
    void straightQuotedIdentity() {
        assertParses(seed(13),
                command("Suspend-StorageGroupCopy", at(1, 1),
                        param("-Identity", at(1, 26)),
                        arg(quoted("CCR01\\First Storage Group", at(1, 36)))));
        assertParses(seed(17),
                command("Resume-StorageGroupCopy", at(1, 1),
                        param("-Identity", at(1, 25)),
                        arg(quoted("CCR01\\First Storage Group", at(1, 35)))));
        assertParses(seed(16),
                command("Mount-Database", at(1, 1),
                        param("-Identity", at(1, 16)),
                        arg(quoted("CCR01\\First Storage Group\\Mailbox Database", at(1, 26)))));
    }

    @Test
    void quotedPathsAndTrailingSwitchParameter() {
        String line = seed(14);
        assertParses(line,
                command("Move-DatabasePath", at(1, 1),
                        param("-Identity", at(1, 19)),
                        arg(quoted("CCR01\\First Storage Group\\Mailbox Database", at(1, 29))),
                        param("-EdbFilePath", at(1, col(line, "-EdbFilePath"))),
                        arg(quoted("F:\\DB\\Mailbox Database.edb", at(1, col(line, "\"F:")))),
                        param("-ConfigurationOnly", at(1, col(line, "-ConfigurationOnly")))));
    }

    @Test
    void colonAttachedQuotedValues() {
        String line = seed(15);
        int log = col(line, "-LogFolderPath");
        int system = col(line, "-SystemFolderPath");
        assertParses(line,
                command("Move-StorageGroupPath", at(1, 1),
                        param("-Identity:", quoted("CCR01\\First Storage Group", at(1, 33)), at(1, 23)),
                        param("-LogFolderPath:", quoted("G:\\Logs\\SG1", at(1, log + 15)), at(1, log)),
                        param("-SystemFolderPath:", quoted("G:\\Logs\\SG1", at(1, system + 18)), at(1, system)),
                        param("-ConfigurationOnly", at(1, col(line, "-ConfigurationOnly")))));
    }

    @Test
    void clusterExeStyleWithQuotedGroupAndMoveToSwitch() {
        assertParses(seed(18),
                command("cluster", at(1, 1),
                        arg(word("group", at(1, 9))),
                        arg(quoted("EVS2", at(1, 15))),
                        slash("moveto", "Node2", "/moveto:Node2", at(1, 22))));
    }

    @Test
    void caclsWithBackslashesColonsAndDollarInsideWords() {
        String line = "CACLS C:\\ FSW_CCR_MAIL /G BUILTIN\\Administrators:F CCRCLUSTER$:F";
        assertParses(line,
                command("CACLS", at(1, 1),
                        arg(word("C:\\", at(1, 7))),
                        arg(word("FSW_CCR_MAIL", at(1, 11))),
                        slash("G", null, "/G", at(1, 24)),
                        arg(word("BUILTIN\\Administrators:F", at(1, 27))),
                        arg(word("CCRCLUSTER$:F", at(1, col(line, "CCRCLUSTER"))))));
    }

    @Test
    void curlyQuotedMailboxDatabaseDismount() {
        assertParses("Dismount-Database “CCREX01\\First Storage Group\\Mailbox Database”",
                command("Dismount-Database", at(1, 1),
                        arg(quoted("CCREX01\\First Storage Group\\Mailbox Database", at(1, 19)))));
    }

    @Test
    void sessionAndSleepCommands() {
        assertParses("Start-Sleep -Seconds 90",
                command("Start-Sleep", at(1, 1), param("-Seconds", at(1, 13)), arg(word("90", at(1, 22)))));
        assertParses("Enter-PSSession -ComputerName NODE1",
                command("Enter-PSSession", at(1, 1), param("-ComputerName", at(1, 17)), arg(word("NODE1", at(1, 31)))));
        assertParses("Exit-PSSession", command("Exit-PSSession", at(1, 1)));
    }

    @Test
    void pipelineIntoFormatListAlias() {
        assertParses("Get-StorageGroupCopyStatus | fl",
                command("Get-StorageGroupCopyStatus", at(1, 1)),
                command("fl", at(1, 30)));
    }

    @Test
    void everySeedLineParsesToOneStatementWithItsOwnText() {
        for (String line : seedLines()) {
            Runbook runbook = RunbookParser.parse(FILE, line);
            assertThat(runbook.statements()).singleElement()
                    .satisfies(statement -> assertThat(statement.text()).isEqualTo(line));
        }
    }
}
