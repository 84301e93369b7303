package io.github.exha.examples.asyncarray;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.exha.examples.cli.ExhaCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 000's runbooks, unchanged, on the example vendor plugin {@code async-array} (found by the CLI through
 * ServiceLoader from this module's class path), next to the same runbooks on {@code sim}: the outcome follows the
 * array's semantics. Asynchronous cycles make the DR activation lose the un-replicated tail, which the failover counts;
 * what the array cannot do (SYNC replication, a resync from the target) is refused with the SPI's typed error.
 */
class AsyncArraySeed000Test {
    private static final Path EXAMPLES = Path.of("..");
    private static final String ASYNC = EXAMPLES.resolve("vendor-async-array/topologies/seed-000-san-dr-async.yaml")
            .toString();
    private static final String SIM = EXAMPLES.resolve("topologies/seed-000-san-dr.yaml").toString();

    @TempDir
    Path dir;

    record Run(int exitCode, JsonNode json, String err) {
        List<JsonNode> steps(String prefix) {
            List<JsonNode> found = new ArrayList<>();
            json.get("steps").forEach(step -> {
                if ((step.get("text").asText() + "\"").startsWith(prefix)) {
                    found.add(step);
                }
            });
            assertThat(found).as("steps starting with " + prefix).isNotEmpty();
            return found;
        }

        JsonNode output(String prefix) {
            return steps(prefix).get(0).get("output");
        }

        List<String> notOk() {
            List<String> failed = new ArrayList<>();
            json.get("steps").forEach(step -> {
                if (!step.get("status").asText().equals("ok")) {
                    failed.add(step.get("line").asInt() + " " + step.get("status").asText() + ": "
                            + step.get("text").asText() + " " + step.get("error"));
                }
            });
            return failed;
        }

        void invariantsHeld() {
            json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                    .as(invariant.toString()).isTrue());
        }
    }

    static Run exha(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExhaCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        JsonNode json;
        try {
            json = out.toString().isBlank() ? null : new ObjectMapper().readTree(out.toString());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + out, e);
        }
        return new Run(code, json, err.toString());
    }

    private static Run runbook(String name, String topology, String... more) {
        List<String> args = new ArrayList<>(List.of("run", EXAMPLES.resolve("runbooks/" + name).toString(),
                "--topology", topology, "--format", "json"));
        args.addAll(List.of(more));
        return exha(args.toArray(String[]::new));
    }

    private static long itemCount(JsonNode statistics) {
        long total = 0;
        for (JsonNode mailbox : statistics) {
            total += mailbox.get("ItemCount").asLong();
        }
        return total;
    }

    @Test
    void drActivationRunsAndLosesTheUnreplicatedCycleWhichTheFailoverCounts() {
        Run async = runbook("seed-000-dr-activation.ps1", ASYNC);
        assertThat(async.exitCode()).as(async.err()).isZero();
        assertThat(async.notOk()).isEmpty();
        async.output("Get-SanReplication -Server Exchange-Main").forEach(pair -> {
            assertThat(pair.get("Mode").asText()).isEqualTo("Async");
            assertThat(pair.get("State").asText()).isEqualTo("InSync");
        });
        // The main array is lost with a cycle not yet shipped: the group is disconnected with writes pending.
        JsonNode lost = async.output("Get-SanReplication -Group EXCH-CG");
        lost.forEach(pair -> assertThat(pair.get("State").asText()).isEqualTo("Disconnected"));
        assertThat(lost.get(0).get("PendingWrites").asLong()).isPositive();
        assertThat(lost.get(0).get("RecoveryPoint").asText()).isNotEqualTo("00:00:00");
        // Failover promotes the replicas and says what the replica lost.
        assertThat(async.output("Invoke-SanFailover").toString())
                .contains("failed over with").contains("not yet replicated to SAN-DR").contains("lost to the replica");
        // Exchange recovers the consistent image (one write order for logs and database) and mounts it at DR.
        assertThat(async.steps("Get-ClusteredMailboxServerStatus -Identity Exchange-DR").get(1).get("output").get(0)
                .get("State").asText()).isEqualTo("Online");
        assertThat(async.output("Get-MailboxDatabase -Server Exchange-DR -Status").get(0).get("Mounted").asBoolean())
                .isTrue();
        async.invariantsHeld();

        // On sim (SYNC) the same runbook loses nothing: no warning, and more mail is at DR at the end.
        Run sync = runbook("seed-000-dr-activation.ps1", SIM);
        assertThat(sync.exitCode()).isZero();
        assertThat(sync.output("Invoke-SanFailover").toString()).doesNotContain("lost");
        long atDrAsync = itemCount(async.output("Get-MailboxStatistics -Server Exchange-DR"));
        long atDrSync = itemCount(sync.output("Get-MailboxStatistics -Server Exchange-DR"));
        assertThat(atDrAsync).as("the mail of the lost cycle is missing at DR").isLessThan(atDrSync);

        assertThat(runbook("seed-000-dr-activation.ps1", ASYNC).json().get("journalDigest").asText())
                .as("same topology, seed and runbook: same journal").isEqualTo(async.json().get("journalDigest").asText());
    }

    @Test
    void theUpgradeProcedureRunsTheResyncFromTheSourceIsSupported() {
        Run run = runbook("seed-000-upgrade-procedure.ps1", ASYNC);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.notOk()).isEmpty();
        run.steps("Get-SanReplication -Group EXCH-CG").get(1).get("output")
                .forEach(pair -> assertThat(pair.get("State").asText()).isEqualTo("Suspended"));
        JsonNode after = run.steps("Get-SanReplication -Group EXCH-CG").get(2).get("output");
        after.forEach(pair -> {
            assertThat(pair.get("State").asText()).isEqualTo("InSync");
            assertThat(pair.get("TargetAccess").asText()).isEqualTo("ReadOnly");
        });
        // ASYNC in sync still trails the source by up to a cycle (sim's SYNC group shows 00:00:00).
        assertThat(Duration.parse("PT" + after.get(0).get("RecoveryPoint").asText().replaceFirst("^00:00:", "") + "S"))
                .isLessThanOrEqualTo(Duration.ofSeconds(31));
        assertThat(run.output("Get-ClusteredMailboxServerStatus -Identity Exchange-Main").get(0).get("State").asText())
                .isEqualTo("Online");
        run.invariantsHeld();
    }

    @Test
    void theNaiveUpgradeFailsAtTheSameStepAsOnSim() {
        Run run = runbook("seed-000-naive-upgrade.ps1", ASYNC);
        assertThat(run.exitCode()).isEqualTo(ExhaCli.FAILED);
        assertThat(run.notOk().get(0)).startsWith("35 failed: setup.com /upgradeCMS").contains("5018");
    }

    @Test
    void aSyncGroupOnThisArrayIsRefusedWhenTheLabStarts() throws IOException {
        Path topology = dir.resolve("seed-000-on-async-array-sync.yaml");
        Files.writeString(topology, Files.readString(Path.of(SIM), StandardCharsets.UTF_8)
                .replace("vendor: sim", "vendor: async-array"), StandardCharsets.UTF_8);
        Run run = runbook("seed-000-dr-activation.ps1", topology.toString());
        assertThat(run.exitCode()).as("the topology cannot be built").isEqualTo(ExhaCli.USAGE);
        assertThat(run.json().get("error").get("code").asText())
                .isEqualTo("replication.san.storage.unsupported-capability");
        assertThat(run.json().get("error").get("message").asText()).contains("Creating consistency group 'EXCH-CG'")
                .contains("replicates only asynchronously").contains("cannot use mode SYNC");
    }

    @Test
    void aResyncFromTheTargetIsRefusedWithTheTypedErrorAndChangesNothing() throws IOException {
        Path runbook = dir.resolve("resync-from-dr.ps1");
        Files.writeString(runbook, String.join("\n",
                "Suspend-SanReplication -Group EXCH-CG -Confirm:$false",
                "Resume-SanReplication -Group EXCH-CG -Direction TargetToSource -Confirm:$false",
                "Get-SanReplication -Group EXCH-CG", ""), StandardCharsets.UTF_8);
        Run run = exha("run", runbook.toString(), "--topology", ASYNC, "--format", "json", "--continue-on-error");
        assertThat(run.exitCode()).isEqualTo(ExhaCli.FAILED);
        JsonNode refused = run.steps("Resume-SanReplication").get(0);
        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.get("error").get("code").asText())
                .isEqualTo("replication.san.storage.unsupported-capability");
        assertThat(refused.get("error").get("message").asText()).contains("RESYNC_TARGET_TO_SOURCE");
        run.output("Get-SanReplication -Group EXCH-CG")
                .forEach(pair -> assertThat(pair.get("State").asText()).isEqualTo("Suspended"));
    }
}
