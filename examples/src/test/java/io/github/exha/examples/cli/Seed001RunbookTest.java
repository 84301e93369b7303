package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's two refusals through the command line, run with {@code --continue-on-error}: in a four-node Exchange 2003
 * cluster halfway through the SP1 rolling upgrade, moving an EVS to a node that already hosts one fails with 5018, and
 * moving the upgraded EVS to a node still at RTM fails with the version mismatch; the recommended move succeeds.
 */
class Seed001RunbookTest {
    @Test
    void theTwoMovesTheArticleWarnsAboutFailWithItsMessagesAndTheRightMoveSucceeds() {
        ExhaCliTest.Result r = ExhaCliTest.exha("run", "runbooks/seed-001-refusals.ps1", "--topology",
                "topologies/seed-001-evs-rolling-upgrade.yaml", "--continue-on-error", "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        JsonNode json = r.json();
        List<String> failedLines = new ArrayList<>();
        json.get("steps").forEach(step -> {
            if (step.get("status").asText().equals("failed")) {
                failedLines.add(step.get("text").asText());
            }
        });
        assertThat(failedLines).containsExactly("cluster EXCLUSTER group \"EVS2\" /moveto:NODE1",
                "cluster EXCLUSTER group \"EVS1\" /moveto:NODE4");

        JsonNode secondEvs = Seed002RunbookTest.step(json, "cluster EXCLUSTER group \"EVS2\" /moveto:NODE1")
                .get("error");
        assertThat(secondEvs.get("code").asText()).isEqualTo("cluster.resmon-online-failed");
        assertThat(secondEvs.get("message").asText()).contains("An error occurred attempting to bring the System "
                + "Attendant resource online: The cluster resource could not be brought online by the resource "
                + "monitor. Error ID: 5018 (0000139a)");
        assertThat(secondEvs.toString()).contains("5018");

        JsonNode newerBuild = Seed002RunbookTest.step(json, "cluster EXCLUSTER group \"EVS1\" /moveto:NODE4")
                .get("error");
        assertThat(newerBuild.get("message").asText()).contains("Version of Exchange on this machine does not match "
                + "the version of Exchange server NODE4.");

        assertThat(Seed002RunbookTest.output(json, "cluster EXCLUSTER group \"EVS2\" /moveto:NODE2")).contains("NODE2")
                .contains("Online");
        json.get("invariants").forEach(invariant -> assertThat(invariant.get("held").asBoolean())
                .as(invariant.toString()).isTrue());
    }
}
