package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 001's Exchange 2003 SP1 rolling upgrades through the command line: the two-node and four-node runbooks end with
 * every node and EVS at SP1, failovers verified and no acknowledged message lost; and the same runbooks with one step
 * out of order stop where Exchange and Windows refuse it (hotfix 831464 first, the restarts, Upgrade Exchange Virtual
 * Server's preconditions, the version check, one EVS per node).
 */
class Seed001RollingUpgradeTest {
    private static final String TWO_NODE = "runbooks/seed-001-rolling-upgrade-2node.ps1";
    private static final String TWO_NODE_TOPOLOGY = "topologies/seed-001-rolling-upgrade-2node.yaml";
    private static final String FOUR_NODE = "runbooks/seed-001-rolling-upgrade-4node.ps1";
    private static final String FOUR_NODE_TOPOLOGY = "topologies/seed-001-rolling-upgrade-4node.yaml";
    private static final String SP1_BUILD = "6.5.7226.6";
    private static final String SP1_VERSION = "Version 6.5 (Build 7226.6: Service Pack 1)";
    private static final String HOTFIX = "WindowsServer2003-KB831464-x86-ENU.exe /passive /norestart\n";
    private static final String HOTFIX_RESTART = "shutdown /r /t 0 /c \"KB831464 before Exchange 2003 SP1\"\n";
    private static final String SP1_RESTART = "shutdown /r /t 0 /c \"Exchange 2003 SP1\"\n";
    private static final String EVS1_OFFLINE = "cluster EXCLUSTER resource \"Exchange System Attendant (EVS1)\" /offline\n";

    @TempDir
    Path dir;

    @Test
    void twoNodeUpgradeEndsWithBothNodesAndEvs1AtSp1AndNoMessageLost() throws IOException {
        assertThat(Files.readAllLines(Path.of(TWO_NODE)).get(0))
                .isEqualTo("# Topology: seed-001-rolling-upgrade-2node.yaml");
        ExhaCliTest.Result r = ExhaCliTest.exha("run", TWO_NODE, "--topology", TWO_NODE_TOPOLOGY, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        assertThat(failedSteps(json)).isEmpty();

        JsonNode builds = json.get("reports").get("exchangeBuilds");
        assertThat(builds.get("servers").get("EVS1").get("build").asText()).isEqualTo(SP1_BUILD);
        assertThat(builds.get("servers").get("EVS1").get("node").asText()).isEqualTo("NODE1");
        for (String node : List.of("NODE1", "NODE2")) {
            JsonNode host = builds.get("hosts").get(node);
            assertThat(host.get("build").asText()).as(node).isEqualTo(SP1_BUILD);
            assertThat(host.get("restartPending").asBoolean()).as(node).isFalse();
            assertThat(host.get("hotfixes").toString()).as(node).contains("KB831464");
        }

        assertThat(Seed002RunbookTest.output(json, "Update-ExchangeVirtualServer"))
                .contains("The Exchange Virtual Server has been upgraded successfully.");
        assertThat(Seed002RunbookTest.output(json, "Get-ExchangeServer EVS1")).contains(SP1_VERSION);
        // EVS1 went to NODE2 for its upgrade and came back to NODE1, where Exchange started: both failovers planned,
        // nothing lost.
        assertThat(Seed002RunbookTest.output(json, "cluster EXCLUSTER group \"EVS1\" /status")).contains("NODE1")
                .contains("Online");
        assertThat(Seed002RunbookTest.steps(json, "Get-EventLog").get(1).get("output").toString())
                .contains("was started.");
        assertThat(failovers(json)).containsExactly("NODE1->NODE2", "NODE2->NODE1");
        assertNothingLost(json);
    }

    @Test
    void fourNodeUpgradeEndsWithEveryNodeAndBothEvssAtSp1AndFailoversVerified() throws IOException {
        assertThat(Files.readAllLines(Path.of(FOUR_NODE)).get(0))
                .isEqualTo("# Topology: seed-001-rolling-upgrade-4node.yaml");
        ExhaCliTest.Result r = ExhaCliTest.exha("run", FOUR_NODE, "--topology", FOUR_NODE_TOPOLOGY, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        assertThat(failedSteps(json)).isEmpty();

        JsonNode builds = json.get("reports").get("exchangeBuilds");
        assertThat(builds.get("servers").get("EVS1").get("build").asText()).isEqualTo(SP1_BUILD);
        assertThat(builds.get("servers").get("EVS2").get("build").asText()).isEqualTo(SP1_BUILD);
        assertThat(builds.get("servers").get("EVS1").get("node").asText()).isEqualTo("NODE1");
        assertThat(builds.get("servers").get("EVS2").get("node").asText()).isEqualTo("NODE4");
        for (String node : List.of("NODE1", "NODE2", "NODE3", "NODE4")) {
            assertThat(builds.get("hosts").get(node).get("build").asText()).as(node).isEqualTo(SP1_BUILD);
            assertThat(builds.get("hosts").get(node).get("restartPending").asBoolean()).as(node).isFalse();
        }
        // EVS2 was upgraded on NODE2, then moved to NODE3 and to NODE4, starting on each; one EVS per node throughout.
        assertThat(failovers(json)).containsExactly("NODE1->NODE2", "NODE2->NODE1", "NODE3->NODE2", "NODE2->NODE3",
                "NODE3->NODE4");
        assertThat(Seed002RunbookTest.output(json, "Get-EventLog -LogName Application -Source MSExchangeIS -Newest 1 "
                + "-ComputerName NODE4")).contains("Mailbox Store (EVS2)").contains("was started.");
        assertThat(Seed002RunbookTest.output(json, "cluster EXCLUSTER group \"EVS2\" /status")).contains("NODE4")
                .contains("Online");
        assertThat(Seed002RunbookTest.output(json, "Get-ExchangeServer")).doesNotContain("Build 6944.4");
        assertNothingLost(json);
    }

    @Test
    void servicePackBeforeHotfix831464StopsAtSetup() throws IOException {
        JsonNode failed = firstFailure(TWO_NODE, TWO_NODE_TOPOLOGY, text -> withoutFirst(text, HOTFIX));
        assertThat(failed.get("text").asText()).isEqualTo("D:\\E3SP1\\setup\\i386\\update.exe");
        assertThat(failed.get("host").asText()).isEqualTo("NODE2");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("exchange.update.prerequisite-failed");
        assertThat(failed.get("error").get("message").asText()).contains("requires hotfix 831464");
    }

    @Test
    void servicePackWithoutTheRestartAfterTheHotfixStopsAtSetup() throws IOException {
        JsonNode failed = firstFailure(TWO_NODE, TWO_NODE_TOPOLOGY, text -> withoutFirst(text, HOTFIX_RESTART));
        assertThat(failed.get("text").asText()).isEqualTo("D:\\E3SP1\\setup\\i386\\update.exe");
        assertThat(failed.get("error").get("message").asText())
                .contains("A restart of NODE2 is pending after the installation of KB831464");
    }

    @Test
    void upgradingTheEvsBeforeTheNodeRestartedAfterSp1IsUnavailable() throws IOException {
        JsonNode failed = firstFailure(TWO_NODE, TWO_NODE_TOPOLOGY, text -> withoutFirst(text, SP1_RESTART));
        assertThat(failed.get("text").asText()).startsWith("Update-ExchangeVirtualServer");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("exchange.update.action-unavailable");
        assertThat(failed.get("error").get("message").asText()).contains("NODE2, which has not been restarted since setup installed " + SP1_VERSION);
    }

    @Test
    void upgradingTheEvsWithItsExchangeResourcesOnlineFailsWithC1037b44() throws IOException {
        JsonNode failed = firstFailure(TWO_NODE, TWO_NODE_TOPOLOGY, text -> withoutFirst(text, EVS1_OFFLINE));
        assertThat(failed.get("text").asText()).startsWith("Update-ExchangeVirtualServer");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("exchange.update.upgrade-failed");
        assertThat(failed.get("error").get("nativeCode").asText()).isEqualTo("c1037b44");
        assertThat(failed.get("error").get("message").asText()).contains("Exchange System Attendant (EVS1) (Online)");
    }

    @Test
    void movingTheUpgradedEvsBackBeforeNode1IsUpgradedFailsWithTheVersionMismatch() throws IOException {
        String back = "cluster EXCLUSTER group \"EVS1\" /moveto:NODE1\n";
        JsonNode failed = firstFailure(TWO_NODE, TWO_NODE_TOPOLOGY, text -> withoutFirst(text, back)
                .replace("Exit-PSSession\n\n# 3.", back + "Exit-PSSession\n\n# 3."));
        assertThat(failed.get("text").asText()).isEqualTo(back.strip());
        assertThat(failed.get("error").get("message").asText())
                .contains("Version of Exchange on this machine does not match the version of Exchange server NODE1.");
    }

    @Test
    void movingEvs2ToTheNodeThatHostsEvs1FailsWith5018WhenItComesOnline() throws IOException {
        JsonNode failed = firstFailure(FOUR_NODE, FOUR_NODE_TOPOLOGY, text -> replaceOnce(text,
                "cluster EXCLUSTER group \"EVS2\" /moveto:NODE2\n", "cluster EXCLUSTER group \"EVS2\" /moveto:NODE1\n"));
        assertThat(failed.get("text").asText()).isEqualTo("cluster EXCLUSTER group \"EVS2\" /online");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("cluster.resmon-online-failed");
        assertThat(failed.get("error").get("message").asText()).contains("Error ID: 5018 (0000139a)");
    }

    // Runs the runbook edited by `edit` (which must change it) and returns its first failed step.
    private JsonNode firstFailure(String runbook, String topology, java.util.function.UnaryOperator<String> edit)
            throws IOException {
        String original = Files.readString(Path.of(runbook), StandardCharsets.UTF_8);
        String changed = edit.apply(original);
        assertThat(changed).as("the edit changes the runbook").isNotEqualTo(original);
        Path file = dir.resolve("wrong-order.ps1");
        Files.writeString(file, changed, StandardCharsets.UTF_8);
        ExhaCliTest.Result r = ExhaCliTest.exha("run", file.toString(), "--topology", topology, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<JsonNode> failed = failedSteps(r.json());
        assertThat(failed).hasSize(1);
        return failed.get(0);
    }

    private static String withoutFirst(String text, String line) {
        return replaceOnce(text, line, "");
    }

    private static String replaceOnce(String text, String line, String replacement) {
        int at = text.indexOf(line);
        return at < 0 ? text : text.substring(0, at) + replacement + text.substring(at + line.length());
    }

    private static List<JsonNode> failedSteps(JsonNode json) {
        List<JsonNode> failed = new ArrayList<>();
        json.get("steps").forEach(step -> {
            if (step.get("status").asText().equals("failed")) {
                failed.add(step);
            }
        });
        return failed;
    }

    private static List<String> failovers(JsonNode json) {
        List<String> moves = new ArrayList<>();
        for (JsonNode outage : json.get("reports").get("outages")) {
            assertThat(outage.get("planned").asBoolean()).as(outage.toString()).isTrue();
            assertThat(outage.get("lost").asLong()).as(outage.toString()).isZero();
            if (outage.get("kind").asText().equals("failover")) {
                moves.add(outage.get("from").asText() + "->" + outage.get("to").asText());
            }
        }
        return moves;
    }

    private static void assertNothingLost(JsonNode json) {
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
        assertThat(Seed002RunbookTest.invariant(json, "no-acknowledged-message-lost").get("detail").asText())
                .contains(" 0 lost");
    }
}
