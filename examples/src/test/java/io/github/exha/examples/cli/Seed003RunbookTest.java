package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.Seed002RunbookTest.output;
import static io.github.exha.examples.cli.Seed002RunbookTest.step;
import static io.github.exha.examples.cli.Seed002RunbookTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 003 end to end through the command line: SCR from the CCR CMS CCREX01 to the standby cluster E2K7CLU02, the
 * production datacenter lost and CCREX01 activated in the backup datacenter ({@code Restore-StorageGroupCopy -Force},
 * {@code /RecoverCMS}, mount, the new passive node reseeded, moves between its nodes), then every step of the way back
 * with the seed's lines verbatim and the backup datacenter primed again. The site loss costs what the standby had not
 * received; the planned return costs nothing.
 */
class Seed003RunbookTest {
    private static final String TOPOLOGY = "topologies/seed-003-scr.yaml";
    private static final String RUNBOOK = "runbooks/seed-003-scr-failover-failback.ps1";
    private static final String FIRST = "“CCREX01\\First Storage Group”";
    private static final String SECOND = "“CCREX01\\Second Storage Group”";

    private static ExhaCliTest.Result run;
    private static JsonNode json;

    @BeforeAll
    static void runTheRunbook() {
        run = ExhaCliTest.exha("run", RUNBOOK, "--topology", TOPOLOGY, "--format", "json");
        json = run.json();
    }

    @Test
    void everyStepSucceedsAndEveryInvariantHolds() {
        json.get("steps").forEach(step -> assertThat(step.get("status").asText()).as(step.toString())
                .isEqualTo("ok"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }

    @Test
    void theSeedsLinesOfTheWayBackRunVerbatim() throws Exception {
        List<String> texts = new ArrayList<>();
        json.get("steps").forEach(step -> texts.add(step.get("text").asText()));
        assertThat(texts).contains(
                "setup.com /ClearLocalCMS /CMSName:CCREX01",
                "Enable-StorageGroupCopy " + FIRST + " –StandbyMachine NH-W2K3-SRV03 –ReplayLagTime 0.0:0:0",
                "Enable-StorageGroupCopy " + SECOND + " –StandbyMachine NH-W2K3-SRV03 –ReplayLagTime 0.0:0:0",
                "Dismount-Database “CCREX01\\First Storage Group\\Mailbox Database”",
                "Dismount-Database “CCREX01\\Second Storage Group\\Public Folder Database”",
                "Restore-StorageGroupCopy " + FIRST + " –StandbyMachine NH-W2K3-SRV03",
                "Restore-StorageGroupCopy " + SECOND + " –StandbyMachine NH-W2K3-SRV03",
                "Stop-ClusteredMailboxServer CCREX01 –StopReason “Moving back to production data center”",
                "setup.com /RecoverCMS /CMSName:CCREX01 /CMSIPAddress:192.168.10.30");
    }

    @Test
    void theSiteLossActivatesTheStandbyAndCostsOnlyWhatItHadNotReceived() {
        assertThat(steps(json, "Get-StorageGroupCopyStatus -Server CCREX01 -StandbyMachine NH-W2K3-SRV01").get(0)
                .get("output").toString()).contains("Healthy").doesNotContain("Initializing");
        assertThat(status(0).get("State").asText()).isEqualTo("Offline");
        assertThat(output(json, "Restore-StorageGroupCopy " + FIRST + " –StandbyMachine NH-W2K3-SRV01 -Force"))
                .doesNotContain("error");
        JsonNode recovered = status(1);
        assertThat(recovered.get("State").asText()).isEqualTo("Online");
        assertThat(recovered.get("OperationalMachines").toString()).contains("NH-W2K3-SRV01 <Active>")
                .contains("NH-W2K3-SRV05");
        // The recovered CMS's CCR copy followed it to NH-W2K3-SRV05, which the runbook seeds before the moves: both
        // moves between the backup datacenter's nodes are then lossless.
        assertThat(steps(json, "Get-StorageGroupCopyStatus -Server CCREX01").get(1).get("output").toString())
                .contains("Healthy").doesNotContain("Failed\":true");
        JsonNode toSrv05 = mailboxOutages().get(1);
        assertThat(toSrv05.get("to").asText()).isEqualTo("NH-W2K3-SRV05");
        assertThat(toSrv05.get("planned").asBoolean()).isTrue();
        assertThat(toSrv05.get("lost").asLong()).isZero();

        JsonNode siteLoss = mailboxOutages().get(0);
        assertThat(siteLoss.get("planned").asBoolean()).isFalse();
        assertThat(siteLoss.get("from").asText()).isEqualTo("NH-W2K3-SRV03");
        assertThat(siteLoss.get("to").asText()).isEqualTo("NH-W2K3-SRV01");
        long lost = siteLoss.get("lost").asLong();
        assertThat(lost).isPositive().isLessThan(siteLoss.get("acknowledged").asLong() / 10);
        assertThat(siteLoss.get("resubmitted").asLong()).as("SCR does not use the transport dumpster").isZero();
        assertThat(json.get("invariants").toString()).contains(lost + " lost (" + lost + " in unplanned failovers");
    }

    @Test
    void theWayBackClearsTheOldClusterStopsTheCmsWithEvent105AndLosesNothing() {
        // The old cluster brings CCREX01's group back from its persistent state; its network name is taken by the
        // recovered CMS (ERROR_DUP_NAME), so after its failovers the group is left offline, as the seed finds it.
        assertThat(output(json, "cluster group \"CCREX01\" /status")).contains("Offline").doesNotContain("Online");
        assertThat(step(json, "Get-EventLog -ComputerName NH-W2K3-SRV01 -LogName Application -InstanceId 105")
                .get("output").toString()).contains("Moving back to production data center");
        assertThat(status(2).get("State").asText()).as("stopped in the backup datacenter").isEqualTo("Offline");
        JsonNode back = status(3);
        assertThat(back.get("State").asText()).isEqualTo("Online");
        assertThat(back.get("OperationalMachines").toString()).contains("NH-W2K3-SRV03 <Active>")
                .contains("NH-W2K3-SRV04");
        JsonNode databases = steps(json, "Get-MailboxDatabase -Server CCREX01 -Status").get(1).get("output");
        assertThat(databases.get(0).get("Mounted").asBoolean()).isTrue();

        JsonNode mailbox = null;
        for (JsonNode outage : outages()) {
            if (outage.get("from").asText().equals("NH-W2K3-SRV01") && outage.get("to").asText()
                    .equals("NH-W2K3-SRV03") && outage.get("database").asText().endsWith("Mailbox Database")) {
                mailbox = outage;
            }
        }
        assertThat(mailbox).as("the return's outage").isNotNull();
        assertThat(mailbox.get("planned").asBoolean()).isTrue();
        assertThat(mailbox.get("acknowledged").asLong()).isGreaterThan(2000);
        assertThat(mailbox.get("lost").asLong()).as("the planned return loses nothing").isZero();
        // Every outage after the site loss is planned and lossless.
        for (int i = 2; i < outages().size(); i++) {
            assertThat(outages().get(i).get("lost").asLong()).as(outages().get(i).toString()).isZero();
        }

        // Both production copies healthy again, and the backup datacenter is an SCR target once more.
        assertThat(steps(json, "Get-StorageGroupCopyStatus -Server CCREX01").get(3).get("output").toString())
                .contains("Healthy").doesNotContain("Failed\":true");
        assertThat(steps(json, "Get-StorageGroupCopyStatus -Server CCREX01 -StandbyMachine NH-W2K3-SRV01").get(1)
                .get("output").toString()).contains("Healthy").doesNotContain("Failed\":true");
        long before = itemCount(steps(json, "Get-MailboxStatistics -Server CCREX01").get(1));
        long after = itemCount(steps(json, "Get-MailboxStatistics -Server CCREX01").get(2));
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void theSameSeedGivesTheSameJournal() {
        ExhaCliTest.Result again = ExhaCliTest.exha("run", RUNBOOK, "--topology", TOPOLOGY, "--format", "json");
        assertThat(again.json().get("journalDigest").asText()).isEqualTo(json.get("journalDigest").asText());
    }

    private static JsonNode status(int index) {
        return steps(json, "Get-ClusteredMailboxServerStatus -Identity CCREX01").get(index).get("output").get(0);
    }

    private static JsonNode outages() {
        return json.get("reports").get("outages");
    }

    // The mailbox database's outages in order (the public folder database's interleave with them).
    private static List<JsonNode> mailboxOutages() {
        List<JsonNode> found = new ArrayList<>();
        outages().forEach(outage -> {
            if (outage.get("database").asText().endsWith("Mailbox Database")) {
                found.add(outage);
            }
        });
        return found;
    }

    private static long itemCount(JsonNode step) {
        long total = 0;
        for (JsonNode mailbox : step.get("output")) {
            total += mailbox.get("ItemCount").asLong();
        }
        return total;
    }
}
