package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.Seed002RunbookTest.invariant;
import static io.github.exha.examples.cli.Seed002RunbookTest.output;
import static io.github.exha.examples.cli.Seed002RunbookTest.step;
import static io.github.exha.examples.cli.Seed002RunbookTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.cluster.fs.DirectoryEntry;
import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.run.RunReport;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.replication.san.SanReplicationCoordinator;
import io.github.exha.storage.spi.ConsistencyGroup;
import io.github.exha.storage.spi.StorageArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's service-pack deployment on the SAN-replicated pair of single copy clusters, through the command line: the
 * naive run fails at Exchange-DR's {@code /upgradeCMS} on the read-only replica LUNs and leaves the watermark; the
 * seed's procedure (suspend, LUNs read/write, AllowFileRestore, upgrade both, stop DR, LUNs read-only, resync from the
 * source) upgrades both CMSs and leaves the DR LUNs equal to the source's.
 */
class Seed000UpgradeRunbookTest {
    private static final String TOPOLOGY = "topologies/seed-000-san-dr.yaml";
    private static final String NAIVE = "runbooks/seed-000-naive-upgrade.ps1";
    private static final String PROCEDURE = "runbooks/seed-000-upgrade-procedure.ps1";
    private static final String SP1 = "Version 8.1 (Build 240.6)";
    private static final String SP2 = "Version 8.2 (Build 176.2)";

    @Test
    void naiveUpgradeFailsAtTheDrUpgradeCmsOnReadOnlyDisksAndLeavesTheWatermark() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", NAIVE, "--topology", TOPOLOGY, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode json = r.json();
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);

        // Exchange-Main upgrades as any single copy cluster does.
        List<JsonNode> upgradeCms = steps(json, "setup.com /upgradeCMS");
        assertThat(upgradeCms.get(0).get("host").asText()).isEqualTo("MAINNODE2");
        assertThat(upgradeCms.get(0).get("status").asText()).isEqualTo("ok");
        assertThat(upgradeCms.get(0).get("output").toString()).contains("Clustered Mailbox Server ...... COMPLETED");
        assertThat(steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-Main").get(0).get("output").get(0)
                .get("State").asText()).isEqualTo("Online");
        JsonNode drBefore = step(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-DR").get("output").get(0);
        assertThat(drBefore.get("State").asText()).isEqualTo("Failed");

        // The one failed step: Exchange-DR's /upgradeCMS, because its Physical Disk is on a read-only LUN.
        List<JsonNode> failed = new ArrayList<>();
        json.get("steps").forEach(s -> {
            if (s.get("status").asText().equals("failed")) {
                failed.add(s);
            }
        });
        assertThat(failed).hasSize(1);
        JsonNode drUpgrade = failed.get(0);
        assertThat(drUpgrade).isEqualTo(upgradeCms.get(1));
        assertThat(drUpgrade.get("line").asInt()).isEqualTo(35);
        assertThat(drUpgrade.get("host").asText()).isEqualTo("DRNODE2");
        JsonNode error = drUpgrade.get("error");
        assertThat(error.get("code").asText()).isEqualTo("exchange.setup.step-failed");
        assertThat(error.get("nativeCode").asText()).isEqualTo("5018 (0x139A)");
        assertThat(error.get("message").asText())
                .startsWith("The clustered mailbox server 'Exchange-DR' could not be brought online")
                .contains("LUN 'EXCH-DATA-R' on array 'SAN-DR' is read-only")
                .contains("Setup left its watermark under HKLM\\Software\\Microsoft\\Exchange\\v8.0\\"
                        + "ClusteredMailboxServer; run setup again to resume.");
        // The run stops there: everything after is skipped.
        json.get("steps").forEach(s -> {
            if (s.get("line").asInt() > 35) {
                assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("skipped");
            }
        });
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }

    @Test
    void theDryRunOfTheNaiveUpgradeNamesTheDrDiskFailureBeforeAnythingExecutes() {
        ExhaCliTest.Result r = ExhaCliTest.exha("scenario", "seed-000-naive-upgrade", "--what-if", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode plan = r.json();
        assertThat(plan.get("whatIf").asBoolean()).isTrue();
        JsonNode failure = plan.get("firstFailure");
        assertThat(failure.get("text").asText()).isEqualTo("setup.com /upgradeCMS");
        assertThat(failure.get("error").get("code").asText()).isEqualTo("exchange.setup.step-failed");
        assertThat(failure.get("error").get("nativeCode").asText()).startsWith("5018");
        assertThat(failure.get("error").get("message").asText()).contains("Disk F: (Exchange-DR)")
                .contains("LUN 'EXCH-DATA-R' on array 'SAN-DR' is read-only").contains("watermark");
        assertThat(plan.get("changedBeforeFailure")).isNotEmpty();
        // Nothing was executed for real: the same scenario still runs from the untouched topology to the same end.
        ExhaCliTest.Result real = ExhaCliTest.exha("scenario", "seed-000-naive-upgrade", "--format", "json");
        assertThat(real.json().get("journalDigest")).isEqualTo(plan.get("journalDigest"));
    }

    @Test
    void naiveUpgradeRetriedResumesFromTheWatermarkAndFailsTheSameWay() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", NAIVE, "--topology", TOPOLOGY, "--format", "json",
                "--continue-on-error");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode json = r.json();
        List<JsonNode> upgradeCms = steps(json, "setup.com /upgradeCMS");
        assertThat(upgradeCms).hasSize(3);
        JsonNode retry = upgradeCms.get(2);
        assertThat(retry.get("status").asText()).isEqualTo("failed");
        assertThat(retry.get("error").get("code").asText()).isEqualTo("exchange.setup.step-failed");
        assertThat(retry.get("error").get("message").asText()).contains("is read-only");

        // Exchange-DR is failed on its disks, its Active Directory object already names the new build.
        JsonNode dr = steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-DR").get(1).get("output").get(0);
        assertThat(dr.get("State").asText()).isEqualTo("Failed");
        assertThat(dr.get("FailedResources").toString()).contains("Disk F: (Exchange-DR)");
        assertThat(versions(steps(json, "Get-ExchangeServer").get(0))).containsEntry("Exchange-DR", SP1)
                .containsEntry("Exchange-Main", SP1);
        assertThat(versions(steps(json, "Get-ExchangeServer").get(1))).containsEntry("Exchange-DR", SP2)
                .containsEntry("Exchange-Main", SP2);
    }

    @Test
    void seedProcedureUpgradesBothCmsAndResyncsTheDrLunsFromTheSource() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", PROCEDURE, "--topology", TOPOLOGY, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        json.get("steps").forEach(s -> assertThat(s.get("status").asText()).as(s.toString()).isEqualTo("ok"));

        // Replication suspended and the replicas read/write before the upgrade; the seed's pipeline line ran.
        steps(json, "Get-SanReplication -Group EXCH-CG").get(1).get("output").forEach(pair -> {
            assertThat(pair.get("State").asText()).isEqualTo("Suspended");
            assertThat(pair.get("TargetAccess").asText()).isEqualTo("ReadWrite");
        });
        assertThat(step(json, "Get-MailboxDatabase –server Exchange-DR | Set-MailboxDatabase").get("status").asText())
                .isEqualTo("ok");

        // Both /upgradeCMS complete and bring their CMS online.
        List<JsonNode> upgradeCms = steps(json, "setup.com /upgradeCMS");
        assertThat(upgradeCms).hasSize(2).allSatisfy(s -> assertThat(s.get("output").toString())
                .contains("Clustered Mailbox Server ...... COMPLETED"));
        assertThat(steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-DR").get(1).get("output").get(0)
                .get("State").asText()).isEqualTo("Online");
        JsonNode drDatabase = step(json, "Get-MailboxDatabase -Server Exchange-DR -Status").get("output").get(0);
        assertThat(drDatabase.get("Mounted").asBoolean()).isTrue();
        assertThat(versions(step(json, "Get-ExchangeServer"))).containsEntry("Exchange-DR", SP2)
                .containsEntry("Exchange-Main", SP2);

        // Afterwards: DR stopped, replicas read-only and in sync again from the source; Main online, mail kept.
        List<JsonNode> replication = steps(json, "Get-SanReplication -Group EXCH-CG");
        replication.get(replication.size() - 1).get("output").forEach(pair -> {
            assertThat(pair.get("State").asText()).isEqualTo("InSync");
            assertThat(pair.get("Direction").asText()).isEqualTo("SAN-MAIN -> SAN-DR");
            assertThat(pair.get("SourceAccess").asText()).isEqualTo("ReadWrite");
            assertThat(pair.get("TargetAccess").asText()).isEqualTo("ReadOnly");
            assertThat(pair.get("PendingBytes").asLong()).isZero();
        });
        List<JsonNode> main = steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-Main");
        assertThat(main.get(main.size() - 1).get("output").get(0).get("State").asText()).isEqualTo("Online");
        List<JsonNode> dr = steps(json, "Get-ClusteredMailboxServerStatus -Identity Exchange-DR");
        assertThat(dr.get(dr.size() - 1).get("output").get(0).get("State").asText()).isEqualTo("Offline");
        assertThat(output(json, "Get-MailboxStatistics -Server Exchange-Main")).contains("user010");
        JsonNode mail = invariant(json, "no-acknowledged-message-lost");
        assertThat(mail.get("held").asBoolean()).isTrue();
        assertThat(mail.get("detail").asText()).matches("\\d+ submitted, \\d+ acknowledged, 0 lost .*");
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
        // Exchange-Main's two planned outages (the move, /upgradeCMS) lose nothing; the DR standby stays down.
        List<String> outages = new ArrayList<>();
        json.get("reports").get("outages").forEach(o -> outages.add(o.get("kind").asText() + " "
                + o.get("database").asText().split("\\\\")[0] + " lost " + o.path("lost").asLong()));
        assertThat(outages).containsExactly("failover Exchange-Main lost 0", "restart Exchange-Main lost 0",
                "ongoing Exchange-DR lost 0");
    }

    @Test
    void afterTheProcedureTheDrLunsHoldTheSameFilesAsTheSourceLuns() throws IOException {
        Lab lab = ExamplesModule.createLab(LabSpec.of(TopologySource.file(Path.of(TOPOLOGY))));
        RunReport report = lab.run(RunbookParser.parse(PROCEDURE, Files.readString(Path.of(PROCEDURE),
                StandardCharsets.UTF_8)), RunOptions.defaults());
        assertThat(report.exitCode()).as(report.steps().toString()).isZero();
        ConsistencyGroup group = lab.instance(SanReplicationCoordinator.class).group("EXCH-CG");
        // Mail keeps flowing: compare at an instant when no replicated write is in flight.
        assertThat(lab.scheduler().runUntil(() -> group.status().pendingWrites() == 0)).isTrue();
        Datacenter datacenter = lab.instance(Datacenter.class);
        StorageArray main = datacenter.fabric().array("SAN-MAIN").orElseThrow();
        StorageArray dr = datacenter.fabric().array("SAN-DR").orElseThrow();
        for (String[] pair : List.of(new String[] {"EXCH-DATA", "EXCH-DATA-R"},
                new String[] {"EXCH-LOGS", "EXCH-LOGS-R"})) {
            Map<String, byte[]> source = files(Volume.mount(main.open(pair[0], "MAINNODE2")));
            Map<String, byte[]> replica = files(Volume.mount(dr.open(pair[1], "DRNODE1")));
            assertThat(source).isNotEmpty();
            assertThat(replica.keySet()).as(pair[1]).containsExactlyElementsOf(source.keySet());
            source.forEach((path, bytes) -> assertThat(Arrays.equals(bytes, replica.get(path)))
                    .as(pair[1] + " " + path).isTrue());
        }
    }

    // Every file of a volume with its bytes, by path.
    private static Map<String, byte[]> files(Volume volume) {
        Map<String, byte[]> files = new TreeMap<>();
        walk(volume, "\\", files);
        return files;
    }

    private static void walk(Volume volume, String directory, Map<String, byte[]> files) {
        for (DirectoryEntry entry : volume.list(directory)) {
            String path = (directory.endsWith("\\") ? directory : directory + "\\") + entry.name();
            if (volume.isDirectory(path)) {
                walk(volume, path, files);
            } else {
                byte[] bytes = new byte[Math.toIntExact(volume.size(path))];
                volume.read(path, 0, bytes, 0, bytes.length);
                files.put(path, bytes);
            }
        }
    }

    private static Map<String, String> versions(JsonNode getExchangeServer) {
        Map<String, String> versions = new TreeMap<>();
        getExchangeServer.get("output").forEach(server -> versions.put(server.get("Name").asText(),
                server.get("AdminDisplayVersion").asText()));
        return versions;
    }
}
