package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 end to end through the command line, as a user runs it ({@code ./exha run}): two bare Windows Server 2008
 * hosts become a validated two-node cluster with a file share witness on the Hub Transport server.
 */
class Seed004RunbookTest {
    private static final String TOPOLOGY = "topologies/seed-004-bare-hosts.yaml";

    @Test
    void theRunbookBuildsATwoNodeClusterWithAWitnessFromBareHostsAndValidatesIt() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-build-ccr-cluster.ps1", "--topology", TOPOLOGY,
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
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.get("name").asText()).isTrue());
        assertThat(output(json, "cluster /cluster:CCRCLUSTER /quorum")).contains("Node and File Share Majority")
                .contains("HUB1\\\\FSW_CCR_MAIL");
        assertThat(output(json, "Test-Cluster -Node")).contains("Test Result: passed");
        assertThat(output(json, "Test-Cluster -Cluster CCRCLUSTER")).contains("Test Result: passed")
                .doesNotContain("Storage - ");
        assertThat(output(json, "cluster CCRCLUSTER network \"Heartbeat\" /prop Role=1"))
                .contains("internal cluster communications only");
        assertThat(output(json, "cluster CCRCLUSTER group \"Cluster Group\" /status")).contains("Online");
    }

    @Test
    void theArticlesOwnCaclsLineFailsAsOnWindows() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-004-cacls-verbatim.ps1", "--topology", TOPOLOGY,
                "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode cacls = r.json().get("steps").get(2);
        assertThat(cacls.get("status").asText()).isEqualTo("failed");
        assertThat(cacls.get("error").toString()).contains("cluster.bad-arguments").contains("160")
                .contains("write C:\\\\FSW_CCR_MAIL");
    }

    private static String output(JsonNode json, String stepPrefix) {
        for (JsonNode step : json.get("steps")) {
            if (step.get("text").asText().startsWith(stepPrefix)) {
                return step.get("output").toString();
            }
        }
        throw new AssertionError("no step starts with " + stepPrefix);
    }
}
