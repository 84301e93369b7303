package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.Seed002RunbookTest.output;
import static io.github.exha.examples.cli.Seed002RunbookTest.step;
import static io.github.exha.examples.cli.Seed002RunbookTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 (the SCR site failover) end to end through the command line: SCR from the CCR CMS CCREX01 to the standby
 * cluster's node, the production datacenter lost, {@code Restore-StorageGroupCopy -Force} on the standby,
 * {@code setup.com /RecoverCMS} there and the database mounted from the restored files. The failover is lossy (the
 * logs not yet copied are gone with the site), which the outages report and the mail-flow invariant's detail count.
 */
class Seed003RunbookTest {
    private static final String TOPOLOGY = "topologies/seed-003-scr.yaml";
    private static final String RUNBOOK = "runbooks/seed-003-scr-failover.ps1";

    @Test
    void scrTargetIsActivatedWithForceTheCmsIsRecoveredOnTheStandbyClusterAndTheFailoverIsReported() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", RUNBOOK, "--topology", TOPOLOGY, "--format", "json");
        JsonNode json = r.json();
        json.get("steps").forEach(step -> assertThat(step.get("status").asText()).as(step.toString())
                .isEqualTo("ok"));
        // The site loss costs the mail the standby had not received; the design permits it, so the run succeeds and
        // the invariant's detail and the outage report say how much.
        assertThat(r.exitCode()).as(r.err()).isZero();

        assertThat(output(json, "Get-StorageGroupCopyStatus")).contains("Healthy");
        assertThat(steps(json, "Get-ClusteredMailboxServerStatus -Identity CCREX01").get(0).get("output").get(0)
                .get("State").asText()).isEqualTo("Offline");
        assertThat(output(json, "Restore-StorageGroupCopy")).doesNotContain("error");
        JsonNode recovered = steps(json, "Get-ClusteredMailboxServerStatus -Identity CCREX01").get(1).get("output")
                .get(0);
        assertThat(recovered.get("State").asText()).isEqualTo("Online");
        assertThat(recovered.get("OperationalMachines").toString()).contains("NH-W2K3-SRV01 <Active>")
                .contains("NH-W2K3-SRV05");
        JsonNode database = step(json, "Get-MailboxDatabase -Server CCREX01 -Status").get("output").get(0);
        assertThat(database.get("Mounted").asBoolean()).isTrue();
        long before = itemCount(steps(json, "Get-MailboxStatistics -Server CCREX01").get(0));
        long after = itemCount(steps(json, "Get-MailboxStatistics -Server CCREX01").get(1));
        assertThat(after).isGreaterThan(before);

        JsonNode outages = json.get("reports").get("outages");
        assertThat(outages).hasSize(1);
        JsonNode failover = outages.get(0);
        assertThat(failover.get("kind").asText()).isEqualTo("failover");
        assertThat(failover.get("planned").asBoolean()).isFalse();
        assertThat(failover.get("from").asText()).isEqualTo("NH-W2K3-SRV03");
        assertThat(failover.get("to").asText()).isEqualTo("NH-W2K3-SRV01");
        long lost = failover.get("lost").asLong();
        assertThat(lost).isPositive().isLessThan(failover.get("acknowledged").asLong() / 10);
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
        assertThat(json.get("invariants").toString()).contains(lost + " lost (" + lost + " in unplanned failovers");

        ExhaCliTest.Result again = ExhaCliTest.exha("run", RUNBOOK, "--topology", TOPOLOGY, "--format", "json");
        assertThat(again.json().get("journalDigest").asText()).isEqualTo(json.get("journalDigest").asText());
    }

    private static long itemCount(JsonNode step) {
        long total = 0;
        for (JsonNode mailbox : step.get("output")) {
            total += mailbox.get("ItemCount").asLong();
        }
        return total;
    }
}
