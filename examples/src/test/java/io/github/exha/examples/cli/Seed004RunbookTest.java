package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.Seed002RunbookTest.invariant;
import static io.github.exha.examples.cli.Seed002RunbookTest.output;
import static io.github.exha.examples.cli.Seed002RunbookTest.step;
import static io.github.exha.examples.cli.Seed002RunbookTest.steps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 end to end through the command line, as a user runs it ({@code ./exha run}): two bare Windows Server 2008
 * hosts become a validated two-node cluster with a file share witness on the Hub Transport server and then an
 * Exchange 2007 SP3 CCR clustered mailbox server with a healthy copy; on that CCR, the seed's seven-step move of the
 * database and log paths while mail flows, with the files moved by hand on both nodes, and the two ways it is refused
 * (without -ConfigurationOnly; moving a file the Information Store holds open).
 */
class Seed004RunbookTest {
    private static final String BARE_HOSTS = "topologies/seed-004-bare-hosts.yaml";
    private static final String CCR = "topologies/seed-004-ccr.yaml";
    private static final String OLD_FOLDER = "C:\\Program Files\\Microsoft\\Exchange Server\\Mailbox\\First Storage "
            + "Group";

    @Test
    void theBuildRunbookTurnsBareHostsIntoAValidatedClusterWithAHealthyCcrClusteredMailboxServer() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-ccr-build.ps1", "--topology", BARE_HOSTS,
                "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        assertThat(failedSteps(json)).isEmpty();
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.get("name").asText()).isTrue());
        // The Windows part.
        assertThat(output(json, "cluster /cluster:CCRCLUSTER /quorum")).contains("Node and File Share Majority")
                .contains("HUB1\\\\FSW_CCR_MAIL");
        assertThat(output(json, "Test-Cluster -Node")).contains("Test Result: passed");
        assertThat(output(json, "Test-Cluster -Cluster CCRCLUSTER")).contains("Test Result: passed")
                .doesNotContain("Storage - ");
        assertThat(output(json, "cluster CCRCLUSTER network \"Heartbeat\" /prop Role=1"))
                .contains("internal cluster communications only");
        assertThat(output(json, "cluster CCRCLUSTER group \"Cluster Group\" /status")).contains("Online");
        // The active clustered mailbox role (CCR: no shared storage), the reboot, the passive role.
        assertThat(output(json, "setup.com /mode:install /roles:Mailbox /NewCms /CMSName:EXCHCCR"))
                .contains("Clustered Mailbox Server ...... COMPLETED");
        assertThat(output(json, "cluster CCRCLUSTER node NODE1 /status")).contains("Up");
        assertThat(output(json, "setup.com /mode:install /roles:Mailbox\"")).contains("Passive Clustered Mailbox Role"
                + " ...... COMPLETED");
        // Finishing up: the CMS is online on NODE1, its storage group replicated, the copy on NODE2 healthy.
        JsonNode cms = step(json, "Get-ClusteredMailboxServerStatus").get("output").get(0);
        assertThat(cms.get("State").asText()).isEqualTo("Online");
        assertThat(cms.get("OperationalMachines").toString()).contains("NODE1 <Active").contains("NODE2");
        assertThat(step(json, "Get-ExchangeServer").get("output").toString()).contains("EXCHCCR")
                .contains("Version 8.3 (Build 83.6)");
        assertThat(step(json, "Get-StorageGroup -Server EXCHCCR").get("output").get(0).get("Replicated").asText())
                .isEqualTo("Cluster");
        assertThat(output(json, "Get-MailboxDatabase -Server EXCHCCR -Status")).contains("\"Mounted\":true");
        JsonNode copy = step(json, "Get-StorageGroupCopyStatus").get("output").get(0);
        assertThat(copy.get("SummaryCopyStatus").asText()).isEqualTo("Healthy");
        assertThat(copy.get("CopyQueueLength").asLong()).isZero();
    }

    @Test
    void theArticlesOwnCaclsLineFailsAsOnWindows() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-cacls-verbatim.ps1", "--topology",
                BARE_HOSTS, "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode cacls = r.json().get("steps").get(2);
        assertThat(cacls.get("status").asText()).isEqualTo("failed");
        assertThat(cacls.get("error").toString()).contains("cluster.bad-arguments").contains("160")
                .contains("write C:\\\\FSW_CCR_MAIL");
    }

    @Test
    void theSevenStepPathMoveMountsFromTheNewPathsWithTheFilesMovedOnBothNodesAndNoMailLost() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-path-move.ps1", "--topology", CCR,
                "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode json = r.json();
        assertThat(failedSteps(json)).isEmpty();

        List<JsonNode> copyStatus = steps(json, "Get-StorageGroupCopyStatus");
        JsonNode before = copyStatus.get(0).get("output").get(0);
        assertThat(before.get("SummaryCopyStatus").asText()).isEqualTo("Healthy");
        long replayedBefore = before.get("LastLogReplayed").asLong();

        // The files were moved by hand on the active node, then on the passive one: everything in the old folder.
        List<JsonNode> logMoves = steps(json, "move \"" + OLD_FOLDER + "\\*.*\" E:\\Logs");
        assertThat(logMoves).extracting(s -> s.get("host").asText()).containsExactly("NODE1", "NODE2");
        assertThat(logMoves.get(0).get("output").toString()).contains("E00.log").contains("E00.chk");
        assertThat(logMoves).allSatisfy(s -> assertThat(last(s)).matches(" +\\d+ file\\(s\\) moved\\."));

        // Step 7: mounted from the new paths on the active node, the copy healthy again and replaying past the move.
        JsonNode database = step(json, "Get-MailboxDatabase -Server EXCHCCR -Status").get("output").get(0);
        assertThat(database.get("Mounted").asBoolean()).isTrue();
        assertThat(database.get("EdbFilePath").asText()).isEqualTo("F:\\Databases\\Mailbox Database.edb");
        JsonNode group = step(json, "Get-StorageGroup -Identity").get("output").get(0);
        assertThat(group.get("LogFolderPath").asText()).isEqualTo("E:\\Logs");
        assertThat(group.get("SystemFolderPath").asText()).isEqualTo("E:\\Logs");
        JsonNode cms = step(json, "Get-ClusteredMailboxServerStatus").get("output").get(0);
        assertThat(cms.get("State").asText()).isEqualTo("Online");
        assertThat(cms.get("OperationalMachines").toString()).contains("NODE1 <Active");
        JsonNode after = copyStatus.get(1).get("output").get(0);
        assertThat(after.get("SummaryCopyStatus").asText()).isEqualTo("Healthy");
        long replayedAfter = after.get("LastLogReplayed").asLong();
        assertThat(replayedAfter).isGreaterThan(replayedBefore + 10);

        // The files are at the new paths on BOTH nodes and gone from the old folder.
        for (String node : List.of("NODE1", "NODE2")) {
            assertThat(outputOn(json, "dir F:\\Databases", node)).contains("Mailbox Database.edb");
            assertThat(outputOn(json, "dir \"" + OLD_FOLDER, node)).contains(" 0 File(s)");
        }
        assertThat(outputOn(json, "dir E:\\Logs", "NODE1")).contains(" E00.log").contains(" E00.chk")
                .contains(logName(replayedAfter));
        // The passive node's copy of the newest replayed log arrived in E:\Logs after the move.
        assertThat(outputOn(json, "dir E:\\Logs", "NODE2")).contains(logName(replayedAfter))
                .contains(logName(replayedBefore));

        // Mail queued while the database was dismounted and was delivered after; nothing acknowledged was lost.
        List<JsonNode> statistics = steps(json, "Get-MailboxStatistics -Server EXCHCCR");
        assertThat(itemCount(statistics.get(1))).isGreaterThan(itemCount(statistics.get(0)));
        JsonNode outages = json.get("reports").get("outages");
        assertThat(outages).hasSize(1);
        assertThat(outages.get(0).get("kind").asText()).isEqualTo("restart");
        assertThat(outages.get(0).get("planned").asBoolean()).isTrue();
        assertThat(outages.get(0).get("lost").asLong()).isZero();
        assertThat(outages.get(0).get("acknowledged").asLong()).isPositive();
        JsonNode mail = invariant(json, "no-acknowledged-message-lost");
        assertThat(mail.get("held").asBoolean()).as(mail.toString()).isTrue();
        assertThat(mail.get("detail").asText()).matches("(\\d+) submitted, \\1 acknowledged, 0 lost .*0 queued in "
                + "transport").doesNotStartWith("0 submitted");
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }

    @Test
    void withoutConfigurationOnlyMoveDatabasePathIsRefusedOnACcrServerAndChangesNothing() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-path-move-without-configurationonly.ps1",
                "--topology", CCR, "--format", "json", "--continue-on-error");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode json = r.json();
        JsonNode refused = step(json, "Move-DatabasePath");
        assertThat(failedSteps(json)).containsExactly(refused.get("line").asInt() + ": " + refused.get("error"));
        assertThat(refused.get("error").get("code").asText()).isEqualTo("exchange.not-supported");
        assertThat(refused.get("error").get("message").asText()).isEqualTo("This operation cannot be performed on a "
                + "remote server or a clustered mailbox server in a cluster continuous replication environment. "
                + "Please use the -ConfigurationOnly option and then manually move the files.");
        // Nothing changed: the old path in Active Directory, the file still there on both nodes.
        JsonNode database = step(json, "Get-MailboxDatabase -Server EXCHCCR -Status").get("output").get(0);
        assertThat(database.get("EdbFilePath").asText()).isEqualTo(OLD_FOLDER + "\\Mailbox Database.edb");
        assertThat(database.get("Mounted").asBoolean()).isFalse();
        for (String node : List.of("NODE1", "NODE2")) {
            assertThat(outputOn(json, "dir \"" + OLD_FOLDER, node)).contains("Mailbox Database.edb")
                    .contains(" 1 File(s)");
        }
        // Mounted again from the old paths, the copy resumed and healthy, no mail lost.
        assertThat(step(json, "Get-StorageGroupCopyStatus").get("output").get(0).get("SummaryCopyStatus").asText())
                .isEqualTo("Healthy");
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }

    @Test
    void movingTheDatabaseFileWhileItIsMountedFailsBecauseTheInformationStoreHoldsItOpen() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-move-files-while-mounted.ps1",
                "--topology", CCR, "--format", "json", "--continue-on-error");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode json = r.json();
        JsonNode move = step(json, "move ");
        assertThat(failedSteps(json)).containsExactly(move.get("line").asInt() + ": " + move.get("error"));
        assertThat(move.get("error").get("code").asText()).isEqualTo("cluster.fs.sharing-violation");
        assertThat(move.get("error").get("nativeCode").asText()).startsWith("32");
        assertThat(move.get("error").get("message").asText()).startsWith("The process cannot access the file because "
                + "it is being used by another process.").contains("is open in store.exe on NODE1");
        assertThat(move.get("output").toString()).contains("0 file(s) moved.");
        assertThat(outputOn(json, "dir F:\\Databases", "NODE1")).contains(" 0 File(s)");
        JsonNode database = step(json, "Get-MailboxDatabase -Server EXCHCCR -Status").get("output").get(0);
        assertThat(database.get("Mounted").asBoolean()).isTrue();
        assertThat(database.get("EdbFilePath").asText()).isEqualTo(OLD_FOLDER + "\\Mailbox Database.edb");
        assertThat(step(json, "Get-StorageGroupCopyStatus").get("output").get(0).get("SummaryCopyStatus").asText())
                .isEqualTo("Healthy");
        assertThat(json.get("reports").get("outages")).isEmpty();
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }

    private static List<String> failedSteps(JsonNode json) {
        List<String> failed = new ArrayList<>();
        json.get("steps").forEach(step -> {
            if (!step.get("status").asText().equals("ok")) {
                failed.add(step.get("line").asInt() + ": " + step.get("error"));
            }
        });
        return failed;
    }

    // The output of the step starting with stepPrefix that ran on host.
    private static String outputOn(JsonNode json, String stepPrefix, String host) {
        for (JsonNode step : steps(json, stepPrefix)) {
            if (step.get("host").asText().equals(host)) {
                return step.get("output").toString();
            }
        }
        throw new AssertionError("no step on " + host + " starts with " + stepPrefix);
    }

    private static String last(JsonNode step) {
        JsonNode output = step.get("output");
        return output.get(output.size() - 1).asText();
    }

    // Exchange 2007's name of a log generation: E00 and 8 hex digits.
    private static String logName(long generation) {
        return String.format(Locale.ROOT, "E00%08X.log", generation);
    }

    private static long itemCount(JsonNode step) {
        long total = 0;
        for (JsonNode mailbox : step.get("output")) {
            total += mailbox.get("ItemCount").asLong();
        }
        return total;
    }
}
