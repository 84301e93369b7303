package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 002 end to end through the command line: setup installs an Exchange 2007 single copy cluster on a Windows
 * cluster with a shared SAN disk, the shell shows it as the article does, and the CMS moves to the passive node while
 * the workload's mail keeps being acknowledged and none is lost.
 */
class Seed002RunbookTest {
    private static final String TOPOLOGY = "topologies/seed-002-scc.yaml";

    @Test
    void setupBuildsTheSingleCopyClusterAndTheCmsMovesToThePassiveNodeWithoutLosingMail() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-002-scc.ps1", "--topology", TOPOLOGY,
                "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        List<String> failed = new ArrayList<>();
        json.get("steps").forEach(step -> {
            if (!step.get("status").asText().equals("ok")) {
                failed.add(step.get("line").asInt() + ": " + step.get("error"));
            }
        });
        assertThat(failed).isEmpty();

        assertThat(output(json, "Setup.com /mode:install /roles:Mailbox /NewCms")).contains("Clustered Mailbox Server")
                .contains("COMPLETED");
        assertThat(output(json, "Setup.com /mode:install /roles:Mailbox\"")).contains("Passive Clustered Mailbox Role");
        // The article's Get-StorageGroup: the stand-alone server's two groups and the CMS's first.
        JsonNode groups = step(json, "Get-StorageGroup").get("output");
        List<String> rows = new ArrayList<>();
        groups.forEach(g -> rows.add(g.get("Name").asText() + "|" + g.get("Server").asText() + "|"
                + g.get("Replicated").asText()));
        assertThat(rows).containsExactly("First Storage Group|EXCHMAILBOX|None", "Second Storage Group|EXCHMAILBOX|None",
                "First Storage Group|EXCHCMS|None");

        JsonNode before = steps(json, "Get-ClusteredMailboxServerStatus").get(0).get("output").get(0);
        assertThat(before.get("Identity").asText()).isEqualTo("EXCHCMS");
        assertThat(before.get("ClusteredMailboxServerName").asText()).isEqualTo("EXCHCMS.contoso.com");
        assertThat(before.get("State").asText()).isEqualTo("Online");
        assertThat(before.get("OperationalMachines").toString()).contains("EXCHMAILBOX1 <Active");
        assertThat(output(json, "Move-ClusteredMailboxServer")).contains("Moving clustered mailbox server \\\"exchcms\\\""
                + " to target node \\\"exchmailbox2\\\" with move comment \\\"Testing\\\".");
        JsonNode after = steps(json, "Get-ClusteredMailboxServerStatus").get(1).get("output").get(0);
        assertThat(after.get("State").asText()).isEqualTo("Online");
        assertThat(after.get("OperationalMachines").toString()).contains("EXCHMAILBOX2 <Active");
        assertThat(output(json, "Get-MailboxDatabase -Server EXCHCMS -Status")).contains("\"Mounted\":true");

        // Mail to the CMS's users kept arriving across the move.
        List<JsonNode> statistics = steps(json, "Get-MailboxStatistics -Server EXCHCMS");
        assertThat(statistics).hasSize(2);
        long beforeMove = itemCount(statistics.get(0));
        long afterMove = itemCount(statistics.get(1));
        assertThat(beforeMove).isPositive();
        assertThat(afterMove).isGreaterThan(beforeMove);

        // The move is reported as a planned failover of the CMS's database: nothing lost, a short outage.
        JsonNode outages = json.get("reports").get("outages");
        assertThat(outages).hasSize(1);
        JsonNode move = outages.get(0);
        assertThat(move.get("kind").asText()).isEqualTo("failover");
        assertThat(move.get("planned").asBoolean()).isTrue();
        assertThat(move.get("from").asText()).isEqualTo("EXCHMAILBOX1");
        assertThat(move.get("to").asText()).isEqualTo("EXCHMAILBOX2");
        assertThat(move.get("lost").asLong()).isZero();
        assertThat(move.get("acknowledged").asLong()).isPositive();
        assertThat(move.get("rtoSeconds").asDouble()).isPositive().isLessThan(120);

        JsonNode mail = invariant(json, "no-acknowledged-message-lost");
        assertThat(mail.get("held").asBoolean()).as(mail.toString()).isTrue();
        assertThat(mail.get("detail").asText()).matches("\\d+ submitted, \\d+ acknowledged, 0 lost \\(0 in unplanned failovers.*")
                .doesNotStartWith("0 submitted");
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());

        // Same topology, seed and runbook: the same world, to the journal digest.
        ExhaCliTest.Result again = ExhaCliTest.exha("run", "runbooks/seed-002-scc.ps1", "--topology", TOPOLOGY,
                "--format", "json");
        assertThat(again.json().get("journalDigest").asText()).isEqualTo(json.get("journalDigest").asText());
    }

    private static long itemCount(JsonNode step) {
        long total = 0;
        for (JsonNode mailbox : step.get("output")) {
            total += mailbox.get("ItemCount").asLong();
        }
        return total;
    }

    static JsonNode invariant(JsonNode json, String name) {
        for (JsonNode invariant : json.get("invariants")) {
            if (invariant.get("name").asText().equals(name)) {
                return invariant;
            }
        }
        throw new AssertionError("no invariant " + name);
    }

    static String output(JsonNode json, String stepPrefix) {
        return step(json, stepPrefix).get("output").toString();
    }

    static JsonNode step(JsonNode json, String stepPrefix) {
        List<JsonNode> found = steps(json, stepPrefix);
        if (found.isEmpty()) {
            throw new AssertionError("no step starts with " + stepPrefix);
        }
        return found.get(0);
    }

    static List<JsonNode> steps(JsonNode json, String stepPrefix) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode step : json.get("steps")) {
            if ((step.get("text").asText() + "\"").startsWith(stepPrefix)) {
                found.add(step);
            }
        }
        return found;
    }
}
