package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --report FILE.html} of run, scenario and chaos: the file is written and watching leaves the world alone. */
class HtmlReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void watchingARunForItsReportLeavesItsJournalDigestUnchanged() throws IOException {
        Path report = dir.resolve("path-move.html");
        ExhaCliTest.Result plain = ExhaCliTest.exha("scenario", "seed-004-path-move", "--seed", "1", "--format", "json");
        ExhaCliTest.Result reported = ExhaCliTest.exha("scenario", "seed-004-path-move", "--seed", "1", "--format",
                "json", "--report", report.toString());

        assertThat(reported.exitCode()).isEqualTo(plain.exitCode()).isZero();
        assertThat(reported.json().get("journalDigest").asText()).isEqualTo(plain.json().get("journalDigest").asText());
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<h1>exha scenario seed-004-path-move</h1>")
                .contains(plain.json().get("journalDigest").asText())
                // The CCR copies' charts, the hosts' lanes and the seed's move lines in the steps table.
                .contains("EXCHCCR\\First Storage Group → NODE2").contains("class=\"timeline\"")
                .contains("Move-StorageGroupPath");
    }

    @Test
    void aRunThatStopsAtAFailedStepReportsItsErrorAndTheSkippedSteps() throws IOException {
        Path runbook = dir.resolve("fails.ps1");
        Files.writeString(runbook, "Start-Sleep -Seconds 30\nGet-MailboxDatabase -Server \"NO<SUCH>&SERVER\"\n"
                + "Start-Sleep -Seconds 30\n", StandardCharsets.UTF_8);
        Path report = dir.resolve("out/fails.html");

        ExhaCliTest.Result r = ExhaCliTest.exha("run", runbook.toString(), "--report", report.toString());

        assertThat(r.exitCode()).isEqualTo(ExhaCli.FAILED);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).contains("<tr class=\"failed\">").contains("<tr class=\"skipped\">")
                .contains("NO&lt;SUCH&gt;&amp;SERVER").doesNotContain("NO<SUCH>")
                .contains("Stopped at " + runbook + ":2");
    }

    @Test
    void chaosReportsTheReplayedRunWithItsFaultsMarked() throws IOException {
        Path report = dir.resolve("chaos.html");

        ExhaCliTest.Result r = ExhaCliTest.exha("chaos", "--scenario", "seed-002-scc", "--replay",
                "5132526337982193696", "--report", report.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(html).contains("The replayed run").contains("⚡ host-crash EXCHMAILBOX1")
                .contains("⚡ nic-down EXCHMAILBOX2/Public").contains("class=\"faultband\"")
                .contains("exha chaos --scenario seed-002-scc --replay 5132526337982193696");
    }

    @Test
    void anUnwritableReportIsAUsageError() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");

        ExhaCliTest.Result r = ExhaCliTest.exha("scenario", "wait-90-seconds", "--report",
                blocker.resolve("report.html").toString());

        assertThat(r.exitCode()).isEqualTo(ExhaCli.USAGE);
        assertThat(r.err()).contains("could not write the report to");
    }
}
