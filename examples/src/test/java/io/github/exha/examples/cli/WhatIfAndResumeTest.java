package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exha run --what-if} and {@code exha run --resume} on seed 004's bare hosts: a runbook installs Failover
 * Clustering on NODE1 (a change), then runs the article's cacls line, which cacls.exe refuses (ERROR_BAD_ARGUMENTS).
 */
class WhatIfAndResumeTest {
    private static final String TOPOLOGY = "topologies/seed-004-bare-hosts.yaml";
    private static final String BEFORE_THE_FAILURE = "Enter-PSSession NODE1\n"
            + "ServerManagerCmd -i Failover-Clustering\n"
            + "Exit-PSSession\n"
            + "Enter-PSSession HUB1\n"
            + "mkdir C:\\FSW_CCR_MAIL\n";
    private static final String ARTICLE_CACLS = "CACLS C:\\ FSW_CCR_MAIL /G BUILTIN\\Administrators:F CCRCLUSTER$:F\n";
    private static final String AFTER = "net share FSW_CCR_MAIL=C:\\FSW_CCR_MAIL /GRANT:CCRCLUSTER$,FULL\n"
            + "Exit-PSSession\n";

    @TempDir
    Path dir;

    private Path runbook(String text) throws IOException {
        Path path = dir.resolve("fsw.ps1");
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path;
    }

    private static List<String> statuses(JsonNode steps) {
        List<String> statuses = new ArrayList<>();
        steps.forEach(s -> statuses.add(s.get("line").asInt() + " " + s.get("status").asText()));
        return statuses;
    }

    @Test
    void whatIfNamesTheFailingStepWithItsCodeAndWhatEarlierStepsWouldChange() throws IOException {
        Path path = runbook(BEFORE_THE_FAILURE + ARTICLE_CACLS + AFTER);
        Result r = exha("run", path.toString(), "--topology", TOPOLOGY, "--what-if", "--format", "json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        JsonNode plan = r.json();
        assertThat(plan.get("whatIf").asBoolean()).isTrue();
        JsonNode failure = plan.get("firstFailure");
        assertThat(failure.get("line").asInt()).isEqualTo(6);
        assertThat(failure.get("text").asText()).isEqualTo(ARTICLE_CACLS.strip());
        assertThat(failure.get("error").get("code").asText()).isEqualTo("cluster.bad-arguments");
        assertThat(failure.get("error").get("nativeCode").asText()).startsWith("160");
        assertThat(plan.get("changedBeforeFailure")).extracting(JsonNode::asInt).containsExactly(2);
        JsonNode install = plan.get("steps").get(1);
        assertThat(install.get("host").asText()).isEqualTo("NODE1");
        assertThat(install.get("changes")).extracting(c -> c.get("name").asText()).contains("host.feature-installed");
        assertThat(statuses(plan.get("steps"))).containsExactly("1 ok", "2 ok", "3 ok", "4 ok", "5 ok", "6 failed",
                "7 skipped", "8 skipped");
        // A plan saves nothing to resume from.
        assertThat(dir.resolve("fsw.ps1.exha-resume.json")).doesNotExist();

        Result text = exha("run", path.toString(), "--topology", TOPOLOGY, "--what-if");
        assertThat(text.out()).contains("nothing is changed")
                .contains("fsw.ps1:6  HUB1> " + ARTICLE_CACLS.strip() + "   WOULD FAIL")
                .contains("changes: NODE1 host.feature-installed")
                .contains("would not run (the run stops at line 6)")
                .contains("Plan: line 6 would fail with cluster.bad-arguments (160")
                .contains("Before it, 1 step would change the world: line 2.");
    }

    @Test
    void aDryRunChangesNothingTheRealRunThenDoesWhatThePlanSaid() throws IOException {
        Path path = runbook(BEFORE_THE_FAILURE + "CACLS C:\\FSW_CCR_MAIL /G BUILTIN\\Administrators:F\n" + AFTER);
        JsonNode before = exha("run", path.toString(), "--topology", TOPOLOGY, "--format", "json").json();
        JsonNode plan = exha("run", path.toString(), "--topology", TOPOLOGY, "--what-if", "--format", "json").json();
        JsonNode after = exha("run", path.toString(), "--topology", TOPOLOGY, "--format", "json").json();

        assertThat(after.get("journalDigest")).isEqualTo(before.get("journalDigest"));
        assertThat(after.get("steps")).isEqualTo(before.get("steps"));
        // The plan is the run, done in a copy of the world.
        assertThat(plan.get("journalDigest")).isEqualTo(after.get("journalDigest"));
        assertThat(plan.get("exitCode").asInt()).isZero();
        assertThat(plan.get("firstFailure").isNull()).isTrue();
    }

    @Test
    void resumeContinuesFromTheFailedStepOnceTheRunbookIsCorrectedAndSaysWhereItStoppedBefore() throws IOException {
        Path path = runbook(BEFORE_THE_FAILURE + ARTICLE_CACLS + AFTER);
        Result stopped = exha("run", path.toString(), "--topology", TOPOLOGY, "--format", "json");
        assertThat(stopped.exitCode()).isEqualTo(1);
        Path state = dir.resolve("fsw.ps1.exha-resume.json");
        assertThat(state).exists();
        JsonNode stop = stopped.json().get("stoppedAt");
        assertThat(stop.get("line").asInt()).isEqualTo(6);
        assertThat(stop.get("error").get("code").asText()).isEqualTo("cluster.bad-arguments");
        assertThat(stop.get("stateFile").asText()).isEqualTo(state.toString());

        // The administrator corrects the failed line and resumes: lines 1-5 are not run again.
        Files.writeString(path, BEFORE_THE_FAILURE + "CACLS C:\\FSW_CCR_MAIL /G BUILTIN\\Administrators:F"
                + " CCRCLUSTER$:F\n" + AFTER, StandardCharsets.UTF_8);
        Result resumed = exha("run", path.toString(), "--resume", "--format", "json");

        assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
        JsonNode root = resumed.json();
        assertThat(root.get("topology").asText()).endsWith("seed-004-bare-hosts.yaml");
        assertThat(root.get("seed").asLong()).isEqualTo(stopped.json().get("seed").asLong());
        assertThat(statuses(root.get("steps"))).containsExactly("6 ok", "7 ok", "8 ok");
        assertThat(root.get("steps").get(0).get("host").asText()).isEqualTo("HUB1");
        JsonNode from = root.get("resumedFrom");
        assertThat(from.get("line").asInt()).isEqualTo(6);
        assertThat(from.get("error").get("code").asText()).isEqualTo("cluster.bad-arguments");
        assertThat(from.get("replayedSteps").asInt()).isEqualTo(6);
        assertThat(root.get("stoppedAt").isNull()).isTrue();
        assertThat(state).doesNotExist();

        Result text = exha("run", path.toString(), "--resume");
        assertThat(text.exitCode()).isEqualTo(2);
        assertThat(text.err()).contains("Nothing to resume");
    }

    @Test
    void resumeRefusesARunbookWhoseCompletedStepsChangedAndKeepsTheState() throws IOException {
        Path path = runbook(BEFORE_THE_FAILURE + ARTICLE_CACLS + AFTER);
        exha("run", path.toString(), "--topology", TOPOLOGY);
        Files.writeString(path, BEFORE_THE_FAILURE.replace("NODE1", "NODE2") + ARTICLE_CACLS + AFTER,
                StandardCharsets.UTF_8);

        Result r = exha("run", path.toString(), "--resume");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Cannot resume: line 1 (Enter-PSSession NODE2) differs from step 1");
        assertThat(dir.resolve("fsw.ps1.exha-resume.json")).exists();
    }

    @Test
    void whatIfOfAResumePlansTheContinuationAndKeepsTheSavedStop() throws IOException {
        Path path = runbook(BEFORE_THE_FAILURE + ARTICLE_CACLS + AFTER);
        Path state = dir.resolve("elsewhere.json");
        exha("run", path.toString(), "--topology", TOPOLOGY, "--state", state.toString());
        assertThat(state).exists();

        Result plan = exha("run", path.toString(), "--resume", "--what-if", "--state", state.toString(),
                "--format", "json");
        // Unchanged, the failed line fails again, in the world its first attempt left.
        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.json().get("firstFailure").get("line").asInt()).isEqualTo(6);
        assertThat(plan.json().get("resumedFrom").get("line").asInt()).isEqualTo(6);
        assertThat(state).exists();
    }
}
