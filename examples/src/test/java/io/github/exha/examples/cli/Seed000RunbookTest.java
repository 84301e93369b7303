package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.Seed002RunbookTest.output;
import static io.github.exha.examples.cli.Seed002RunbookTest.step;
import static io.github.exha.examples.cli.Seed002RunbookTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 000 end to end through the command line: the SAN replicates the single copy cluster Exchange-Main to the DR
 * site, where the standby CMS Exchange-DR cannot come online on the read-only replicas; the main array is lost, the
 * consistency group is failed over, the DR databases are allowed to be overwritten by a restore and mount, and the
 * users are re-homed with {@code Move-Mailbox -ConfigurationOnly} and find their mail at DR.
 */
class Seed000RunbookTest {
    private static final String TOPOLOGY = "topologies/seed-000-san-dr.yaml";
    private static final String RUNBOOK = "runbooks/seed-000-dr-activation.ps1";

    @Test
    void drActivationFailsOverTheReplicasMountsTheDrDatabaseAndReHomesTheMailboxesWithTheirMail() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", RUNBOOK, "--topology", TOPOLOGY, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        List<String> failed = new ArrayList<>();
        json.get("steps").forEach(step -> {
            if (!step.get("status").asText().equals("ok")) {
                failed.add(step.get("line").asInt() + ": " + step.get("error"));
            }
        });
        assertThat(failed).isEmpty();

        // Before: both LUNs in sync, replicas read-only, and the coordinator knows the Exchange data on them.
        JsonNode before = step(json, "Get-SanReplication -Server Exchange-Main").get("output");
        assertThat(before).hasSize(2);
        before.forEach(pair -> {
            assertThat(pair.get("State").asText()).isEqualTo("InSync");
            assertThat(pair.get("TargetAccess").asText()).isEqualTo("ReadOnly");
        });
        assertThat(before.get(0).get("Databases").toString())
                .contains("Exchange-Main\\\\First Storage Group\\\\Mailbox Database");
        assertThat(before.get(1).get("StorageGroups").toString()).contains("Exchange-Main\\\\First Storage Group");
        // The standby CMS cannot come online on read-only disks (the seed's failure).
        JsonNode standby = steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-DR").get(0).get("output")
                .get(0);
        assertThat(standby.get("State").asText()).isEqualTo("Failed");
        assertThat(standby.get("FailedResources").toString()).contains("Disk F: (Exchange-DR)");
        long mailAtMain = itemCount(step(json, "Get-MailboxStatistics -Server Exchange-Main"));
        assertThat(mailAtMain).isPositive();

        // The main site's array is lost: Exchange-Main fails, the group disconnects.
        assertThat(step(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-Main").get("output").get(0)
                .get("State").asText()).isEqualTo("Failed");
        step(json, "Get-SanReplication -Group EXCH-CG").get("output")
                .forEach(pair -> assertThat(pair.get("State").asText()).isEqualTo("Disconnected"));

        // Failover makes the replicas writable.
        step(json, "Get-SanReplication -Array SAN-DR").get("output").forEach(pair -> {
            assertThat(pair.get("State").asText()).isEqualTo("FailedOver");
            assertThat(pair.get("TargetAccess").asText()).isEqualTo("ReadWrite");
        });

        // AllowFileRestore, then the DR CMS comes online and its database mounts the replicated files.
        assertThat(steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-DR").get(1).get("output").get(0)
                .get("State").asText()).isEqualTo("Online");
        JsonNode database = step(json, "Get-MailboxDatabase -Server Exchange-DR -Status").get("output").get(0);
        assertThat(database.get("Mounted").asBoolean()).isTrue();
        assertThat(database.get("AllowFileRestore").asBoolean()).isTrue();

        // Every mailbox is re-homed, and the mail delivered at the main site is there at DR (SYNC: nothing lost).
        JsonNode moves = step(json, "Get-Mailbox -Database \"Exchange-Main").get("output");
        assertThat(moves).hasSize(10);
        moves.forEach(move -> assertThat(move.get("MoveStage").asText()).isEqualTo("Completed"));
        assertThat(output(json, "Get-Mailbox -Database \"Exchange-DR")).contains("user001").contains("user010");
        assertThat(itemCount(step(json, "Get-MailboxStatistics -Server Exchange-DR"))).isGreaterThan(mailAtMain);
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());

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
