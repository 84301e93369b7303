package io.github.exha.examples.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.ConfirmPolicy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What Tab offers at the end of a line, filtered by what was typed as JLine filters it (case-insensitive prefix). */
class ShellCompleterTest {
    private ShellSession session;
    private ShellCompleter completer;

    @BeforeEach
    void openScc() {
        openTopology("topologies/seed-002-scc.yaml");
    }

    private void openTopology(String file) {
        session = ShellSession.open(LabSpec.of(TopologySource.file(Path.of(file))), ConfirmPolicy.ACCEPT);
        completer = new ShellCompleter(session);
    }

    private List<String> tab(String line) {
        ParsedLine parsed = new ShellParser().parse(line, line.length(), ParseContext.COMPLETE);
        String typed = parsed.word().substring(0, parsed.wordCursor()).toLowerCase(Locale.ROOT);
        return completer.complete(parsed.words(), parsed.wordIndex(), typed).stream().map(Candidate::value)
                .filter(v -> v.toLowerCase(Locale.ROOT).startsWith(typed)).toList();
    }

    private void run(String line) {
        StringWriter out = new StringWriter();
        assertThat(session.execute(line, new PrintWriter(out))).as(out.toString()).isTrue();
    }

    @Test
    void commandNamesComeFromTheCatalogAliasesIncluded() {
        assertThat(tab("Get-StorageG")).containsExactly("Get-StorageGroup", "Get-StorageGroupCopyStatus");
        assertThat(tab("Move-Clus")).containsExactly("Move-ClusteredMailboxServer");
        assertThat(tab("Get-StorageGroup | f")).contains("fl", "Format-List");
        assertThat(tab("Start-Sl")).containsExactly("Start-Sleep");
    }

    @Test
    void parameterNamesAreTheCommandsOwnWithWhatIfAndConfirm() {
        assertThat(tab("Get-StorageGroup -Ide")).containsExactly("-Identity");
        assertThat(tab("Dismount-Database -")).contains("-Identity", "-WhatIf", "-Confirm");
        assertThat(tab("Get-StorageGroup -Identity x -")).doesNotContain("-Identity").contains("-Server");
        assertThat(tab("Get-StorageGroup -")).doesNotContain("-WhatIf");
    }

    @Test
    void identitiesOfTheParameterKind() {
        assertThat(tab("Get-StorageGroup -Identity EXCHMAILBOX\\")).containsExactly(
                "EXCHMAILBOX\\First Storage Group", "EXCHMAILBOX\\Second Storage Group");
        assertThat(tab("Get-StorageGroup EXCHMAILBOX\\S")).as("by position")
                .containsExactly("EXCHMAILBOX\\Second Storage Group");
        assertThat(tab("Dismount-Database ")).containsExactly("EXCHMAILBOX\\First Storage Group\\Mailbox Database",
                "EXCHMAILBOX\\Second Storage Group\\Public Folder Database");
        assertThat(tab("Get-StorageGroup -Server ")).containsExactly("EXCHMAILBOX");
        assertThat(tab("Enter-PSSession -ComputerName EXCHMAILBOX")).containsExactlyInAnyOrder(
                "EXCHMAILBOX", "EXCHMAILBOX1", "EXCHMAILBOX2");
    }

    @Test
    void anObjectCreatedInTheSessionCompletesAfterwards() {
        assertThat(tab("Get-StorageGroup EXCHMAILBOX\\T")).isEmpty();
        run("New-StorageGroup -Server EXCHMAILBOX -Name 'Third Storage Group'");
        assertThat(tab("Get-StorageGroup EXCHMAILBOX\\T")).containsExactly("EXCHMAILBOX\\Third Storage Group");
    }

    @Test
    void aWhatIfChangesNothingSoNothingNewCompletes() {
        run("New-StorageGroup -Server EXCHMAILBOX -Name SG3 -WhatIf");
        assertThat(tab("Get-StorageGroup EXCHMAILBOX\\SG")).isEmpty();
    }

    @Test
    void nativeProgramsCompleteTheirSlashOptionsAndClusterObjects() {
        assertThat(tab("cluster group /mov")).containsExactlyInAnyOrder("/moveto:", "/move");
        assertThat(tab("cluster group 'Cluster Group' /moveto:EXCHMAILBOX")).contains("/moveto:EXCHMAILBOX1",
                "/moveto:EXCHMAILBOX2");
        assertThat(tab("cluster ")).contains("group", "resource", "node", "network", "EXCHCLUSTER");
        assertThat(tab("cluster node ")).containsExactlyInAnyOrder("EXCHMAILBOX1", "EXCHMAILBOX2");
    }

    @Test
    void clusterGroupsAndResourcesAndVirtualServers() {
        openTopology("topologies/seed-001-evs-rolling-upgrade.yaml");
        assertThat(tab("cluster group ")).contains("EVS1", "EVS2");
        assertThat(tab("cluster EXCLUSTER resource ")).isNotEmpty();
        assertThat(tab("Update-ExchangeVirtualServer ")).containsExactlyInAnyOrder("EVS1", "EVS2");
    }

    @Test
    void enumAndBooleanValues() {
        assertThat(tab("Set-StorageGroup -CircularLoggingEnabled ")).containsExactly("$true", "$false");
        assertThat(tab("Set-MailboxServer -AutoDatabaseMountDial ")).isNotEmpty().allMatch(v -> !v.contains(" "));
    }

    @Test
    void aValueWithASpaceIsQuotedAsPowerShellQuotesIt() {
        assertThat(ShellParser.quote("EXCHMAILBOX\\First Storage Group", null, true))
                .isEqualTo("'EXCHMAILBOX\\First Storage Group'");
        assertThat(ShellParser.quote("EXCHMAILBOX\\First Storage Group", "\"", true))
                .isEqualTo("\"EXCHMAILBOX\\First Storage Group\"");
        assertThat(ShellParser.quote("EXCHMAILBOX\\F", null, false)).isEqualTo("EXCHMAILBOX\\F");
    }
}
