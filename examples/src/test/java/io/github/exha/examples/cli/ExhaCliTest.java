package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExhaCliTest {
    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + out, e);
            }
        }
    }

    static Result exha(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExhaCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private String file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path.toString();
    }

    @Test
    void parseAcceptsEverySeedLine() {
        Result r = exha("parse", "runbooks/seed-lines.ps1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("19 statements, syntax OK");
    }

    @Test
    void startSleepAdvancesVirtualTimeByNinetySeconds() throws IOException {
        Result r = exha("run", file("sleep.ps1", "Start-Sleep -Seconds 90\n"), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode step = r.json().get("steps").get(0);
        assertThat(step.get("status").asText()).isEqualTo("ok");
        assertThat(step.get("line").asInt()).isEqualTo(1);
        assertThat(step.get("text").asText()).isEqualTo("Start-Sleep -Seconds 90");
        Instant start = Instant.parse(step.get("start").asText());
        assertThat(start).isEqualTo(Instant.parse("2008-03-01T00:00:00Z"));
        assertThat(Duration.between(start, Instant.parse(step.get("end").asText()))).isEqualTo(Duration.ofSeconds(90));
        assertThat(step.get("error").isNull()).isTrue();
        assertThat(r.json().get("exitCode").asInt()).isZero();
        assertThat(r.json().get("invariants").get(0).get("held").asBoolean()).isTrue();
    }

    @Test
    void jsonHasEveryDocumentedField() throws IOException {
        JsonNode root = exha("run", file("sleep.ps1", "Start-Sleep 1\n"), "--format", "json", "--seed", "7").json();
        assertThat(root.fieldNames()).toIterable().contains("seed", "topology", "runbook", "exitCode", "journalDigest",
                "steps", "invariants");
        assertThat(root.get("seed").asLong()).isEqualTo(7);
        assertThat(root.get("steps").get(0).fieldNames()).toIterable()
                .containsExactly("line", "text", "host", "status", "start", "end", "output", "error");
        assertThat(root.get("invariants").get(0).fieldNames()).toIterable().containsExactly("name", "held", "detail");
    }

    @Test
    void malformedRunbookExitsTwoWithFileLineAndColumn() throws IOException {
        String path = file("bad.ps1", "Start-Sleep 1\nStop-ClusteredMailboxServer “CCREX01 –StopReason x\n");
        Result r = exha("run", path);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(path + ":2:29: ");
        assertThat(exha("parse", path).exitCode()).isEqualTo(2);
    }

    @Test
    void unknownCommandExitsTwoBeforeAnythingRunsAndSuggestsTheNearest() throws IOException {
        String path = file("typo.ps1", "Start-Sleep 5\nStart-Slep 5\n");
        Result r = exha("run", path, "--format", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(path + ":2:1: The term 'Start-Slep' is not recognized").contains("Start-Sleep");
        assertThat(r.json().get("steps")).isEmpty();
        assertThat(r.json().get("error").get("line").asInt()).isEqualTo(2);
    }

    @Test
    void sameRunbookAndSeedGiveTheSameDigestAndAnotherSeedAnother() throws IOException {
        String path = file("twice.ps1", "Start-Sleep -Seconds 90\nGet-Date\n");
        String a = exha("run", path, "--seed", "11", "--format", "json").json().get("journalDigest").asText();
        String b = exha("run", path, "--seed", "11", "--format", "json").json().get("journalDigest").asText();
        String c = exha("run", path, "--seed", "12", "--format", "json").json().get("journalDigest").asText();
        assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void failedStepExitsOneAndSkipsTheRestUnlessContinuing() throws IOException {
        String path = file("fail.ps1", "Enter-PSSession NODE1\nEnter-PSSession NODE2\nStart-Sleep 1\n");
        Result r = exha("run", path, "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode steps = r.json().get("steps");
        assertThat(steps.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(steps.get(1).get("status").asText()).isEqualTo("failed");
        assertThat(steps.get(1).get("host").asText()).isEqualTo("NODE1");
        assertThat(steps.get(1).get("error").get("code").asText()).isEqualTo("core.invalid-state");
        assertThat(steps.get(2).get("status").asText()).isEqualTo("skipped");
        assertThat(steps.get(2).get("start").isNull()).isTrue();

        Result continued = exha("run", path, "--format", "json", "--continue-on-error");
        assertThat(continued.exitCode()).isEqualTo(1);
        assertThat(continued.json().get("steps").get(2).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void textOutputShowsStepsAndSummary() throws IOException {
        Result r = exha("run", file("t.ps1", "Write-Host \"hello world\"\nStart-Sleep 90\n"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("[2008-03-01T00:00:00Z]").contains("hello world\n").contains("(1m30s virtual)")
                .contains("2 steps: 2 ok, 0 failed, 0 skipped");
    }

    @Test
    void topologyNameSeedAndStartAreUsed() throws IOException {
        String topology = file("lab.yaml", "name: lab-one\nseed: 99\nstart: 2009-06-01T08:00:00Z\n");
        JsonNode root = exha("run", file("r.ps1", "Get-Date\n"), "--topology", topology, "--format", "json").json();
        assertThat(root.get("seed").asLong()).isEqualTo(99);
        assertThat(root.get("topologyName").asText()).isEqualTo("lab-one");
        assertThat(root.get("steps").get(0).get("start").asText()).isEqualTo("2009-06-01T08:00:00Z");
        assertThat(root.get("steps").get(0).get("output").get(0).asText()).isEqualTo("2009-06-01T08:00:00Z");
    }

    @Test
    void badTopologyExitsTwoWithPosition() throws IOException {
        String topology = file("lab.yaml", "name: lab-one\nsed: 99\n");
        Result r = exha("run", file("r.ps1", "Get-Date\n"), "--topology", topology);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith(topology + ":2:1: ").contains("seed");
    }

    @Test
    void missingRunbookFileExitsTwo() {
        Result r = exha("run", dir.resolve("nope.ps1").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Cannot read runbook").contains("no such file");
    }

    @Test
    void commandsListsEveryCommandWithItsParameters() {
        Result r = exha("commands");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Start-Sleep").contains("[-Seconds] <System.Int32>").contains("-Milliseconds")
                .contains("Enter-PSSession").contains("-ComputerName").contains("Format-List (alias fl)");
        assertThat(exha("commands", "start-sleep").out()).startsWith("Start-Sleep");
        assertThat(exha("commands", "Start-Slep").exitCode()).isEqualTo(2);
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(exha("run").exitCode()).isEqualTo(2);
        assertThat(exha("frobnicate").exitCode()).isEqualTo(2);
        assertThat(exha("run", "x.ps1", "--format", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void topologyHostsAreTheOnlyComputersASessionReaches() throws IOException {
        String path = file("hosts.ps1", "Enter-PSSession -ComputerName node1\nExit-PSSession\nEnter-PSSession NODE9\n");
        Result r = exha("run", path, "--topology", "topologies/two-site-scc.yaml", "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode steps = r.json().get("steps");
        assertThat(steps.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(steps.get(2).get("error").get("code").asText()).isEqualTo("core.unknown-host");
        assertThat(steps.get(2).get("error").get("message").asText()).contains("Did you mean NODE1");
        assertThat(r.json().get("invariants")).extracting(i -> i.get("name").asText())
                .contains("resource-online-on-at-most-one-node", "disk-writable-by-at-most-one-node");
    }

}
