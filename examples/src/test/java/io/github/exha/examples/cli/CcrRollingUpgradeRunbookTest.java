package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.Seed002RunbookTest.invariant;
import static io.github.exha.examples.cli.Seed002RunbookTest.step;
import static io.github.exha.examples.cli.Seed002RunbookTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rolling service-pack upgrade of a CCR clustered mailbox server through the command line (DOMAIN.md §4): passive
 * node, move, stop, {@code /UpgradeCMS}, former active node — with mail flowing and no acknowledged message lost; and
 * the same run with {@code /UpgradeCMS} forgotten, where the CMS does not start because its version no longer matches
 * the binaries of any node.
 */
class CcrRollingUpgradeRunbookTest {
    private static final String TOPOLOGY = "topologies/ccr-rolling-upgrade.yaml";
    private static final String RUNBOOK = "runbooks/ccr-rolling-upgrade.ps1";
    private static final String WITHOUT_UPGRADE_CMS = "runbooks/ccr-rolling-upgrade-without-upgradecms.ps1";

    @Test
    void rollingUpgradeMovesTheCmsToTheUpgradedNodeUpgradesItAndLosesNoAcknowledgedMessage() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", RUNBOOK, "--topology", TOPOLOGY, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        json.get("steps").forEach(s -> assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("ok"));

        assertThat(version(steps(json, "Get-ExchangeServer").get(0))).isEqualTo("Version 8.1 (Build 240.6)");
        List<JsonNode> setups = steps(json, "setup.com");
        List<String> order = new ArrayList<>();
        setups.forEach(s -> order.add(s.get("host").asText() + " " + s.get("text").asText()));
        assertThat(order).containsExactly("NODE2 setup.com /mode:upgrade", "NODE2 setup.com /UpgradeCMS",
                "NODE1 setup.com /mode:upgrade");
        assertThat(setups.get(0).get("output").toString()).contains("Passive Clustered Mailbox Role ...... COMPLETED");
        assertThat(setups.get(1).get("output").toString()).contains("Clustered Mailbox Server ...... COMPLETED");

        // The copy stays healthy while the passive node is upgraded; /UpgradeCMS leaves the CMS online on NODE2.
        assertThat(steps(json, "Get-StorageGroupCopyStatus -Server CCRCMS").get(1).get("output").get(0)
                .get("SummaryCopyStatus").asText()).isEqualTo("Healthy");
        List<JsonNode> status = steps(json, "Get-ClusteredMailboxServerStatus -Identity CCRCMS");
        assertThat(status.get(2).get("output").get(0).get("State").asText()).isEqualTo("Online");
        assertThat(status.get(2).get("output").get(0).get("OperationalMachines").toString()).contains("NODE2 <Active");

        // At the end: both nodes upgraded, the CMS at the new build back on NODE1, its copy healthy.
        JsonNode last = status.get(status.size() - 1).get("output").get(0);
        assertThat(last.get("State").asText()).isEqualTo("Online");
        assertThat(last.get("OperationalMachines").toString()).contains("NODE1 <Active");
        List<JsonNode> copies = steps(json, "Get-StorageGroupCopyStatus -Server CCRCMS");
        assertThat(copies.get(copies.size() - 1).get("output").get(0).get("SummaryCopyStatus").asText())
                .isEqualTo("Healthy");
        assertThat(version(steps(json, "Get-ExchangeServer").get(1))).isEqualTo("Version 8.2 (Build 176.2)");

        // Three planned outages (move, /UpgradeCMS, move back), none loses a message; nothing acknowledged is lost.
        JsonNode outages = json.get("reports").get("outages");
        assertThat(outages).hasSize(3);
        outages.forEach(outage -> {
            assertThat(outage.get("planned").asBoolean()).isTrue();
            assertThat(outage.get("lost").asLong()).isZero();
        });
        JsonNode mail = invariant(json, "no-acknowledged-message-lost");
        assertThat(mail.get("held").asBoolean()).isTrue();
        assertThat(mail.get("detail").asText()).matches("\\d+ submitted, \\d+ acknowledged, 0 lost .*")
                .doesNotStartWith("0 submitted");
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }

    @Test
    void forgettingUpgradeCmsLeavesAVersionMismatchAndTheCmsDoesNotStart() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", WITHOUT_UPGRADE_CMS, "--topology", TOPOLOGY, "--format",
                "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode json = r.json();
        JsonNode start = step(json, "Start-ClusteredMailboxServer -Identity CCRCMS");
        assertThat(start.get("status").asText()).isEqualTo("failed");
        assertThat(start.get("line").asInt()).isEqualTo(17);
        JsonNode error = start.get("error");
        // The System Attendant refuses to start, which the cluster reports as a resource that failed to come online.
        assertThat(error.get("code").asText()).isEqualTo("cluster.resmon-online-failed");
        assertThat(error.get("nativeCode").asText()).isEqualTo("5018 (0x139A)");
        assertThat(error.get("message").asText()).contains("'Exchange System Attendant (CCRCMS)'")
                .contains("The version of clustered mailbox server 'CCRCMS' (Version 8.1 (Build 240.6)) does not "
                        + "match the version of the Exchange binaries on its nodes (Version 8.2 (Build 176.2))")
                .contains("Run setup.com /UpgradeCMS on the node that owns it.");
        json.get("steps").forEach(s -> {
            if (s.get("line").asInt() < 17) {
                assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("ok");
            } else if (s.get("line").asInt() > 17) {
                assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("skipped");
            }
        });
        assertThat(invariant(json, "no-acknowledged-message-lost").get("held").asBoolean()).isTrue();
    }

    @Test
    void runningTheForgottenUpgradeCmsAfterwardsStartsTheCms() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", WITHOUT_UPGRADE_CMS, "--topology", TOPOLOGY, "--format",
                "json", "--continue-on-error");
        JsonNode json = r.json();
        List<JsonNode> status = steps(json, "Get-ClusteredMailboxServerStatus -Identity CCRCMS");
        assertThat(status.get(0).get("output").get(0).get("State").asText()).isEqualTo("Failed");
        assertThat(status.get(0).get("output").get(0).get("FailedResources").toString())
                .contains("Exchange System Attendant (CCRCMS)");
        assertThat(step(json, "setup.com /UpgradeCMS").get("status").asText()).isEqualTo("ok");
        assertThat(status.get(1).get("output").get(0).get("State").asText()).isEqualTo("Online");
        assertThat(invariant(json, "no-acknowledged-message-lost").get("held").asBoolean()).isTrue();
    }

    private static String version(JsonNode getExchangeServer) {
        return getExchangeServer.get("output").get(0).get("AdminDisplayVersion").asText();
    }
}
