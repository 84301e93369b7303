package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code exha chaos}: a runbook under randomized fault plans. The runs use the fast two-node rolling upgrade scenario;
 * its master seed {@value #SEED} draws, in run 2, a crash of NODE1 before its SP1 update that breaks two of its steps
 * (update.exe and Update-ExchangeVirtualServer), and a NIC of NODE1 going down while line 40 moves EVS1 back to NODE1
 * (a kernel event at a virtual-time offset into the step), which breaks the move, so the table has rows; run 1's
 * fault, the log volume of EVS1 filled up inside a step, breaks nothing.
 */
class ChaosCommandTest {
    private static final String SCENARIO = "seed-001-rolling-upgrade-2node";
    private static final long SEED = 1;

    @Test
    void jsonListsEachRunWithItsSeedFaultsAndDigestAndAReplayGivesTheSameDigest() {
        Result r = exha("chaos", "--scenario", SCENARIO, "--runs", "2", "--seed", Long.toString(SEED),
                "--format", "json");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("scenario").asText()).isEqualTo(SCENARIO);
        assertThat(json.get("runbook").asText()).isEqualTo("runbooks/" + SCENARIO + ".ps1");
        assertThat(json.get("seed").asLong()).isEqualTo(SEED);
        JsonNode runs = json.get("runs");
        assertThat(runs).hasSize(2);
        for (int i = 0; i < 2; i++) {
            JsonNode run = runs.get(i);
            assertThat(run.get("run").asInt()).isEqualTo(i + 1);
            assertThat(run.get("seed").asLong()).isEqualTo(Chaos.runSeed(SEED, i + 1)).isNotNegative();
            assertThat(run.get("faults")).isNotEmpty().allSatisfy(f -> {
                // One site and no replication link: no partition, slow link or link cut is drawn.
                assertThat(f.get("kind").asText()).isIn("host-crash", "nic-down", "witness-loss", "array-power-loss",
                        "lun-lost", "log-disk-full");
                assertThat(f.get("line").asInt()).isPositive();
            });
            assertThat(run.get("journalDigest").asText()).hasSize(64);
            assertThat(run.get("replay").asText()).isEqualTo("exha chaos --scenario " + SCENARIO + " --replay "
                    + run.get("seed").asLong());
        }
        JsonNode broken = runs.get(1);
        assertThat(broken.get("failed").asBoolean()).isTrue();
        assertThat(broken.get("faults")).anySatisfy(f -> {
            assertThat(f.get("kind").asText()).isEqualTo("nic-down");
            assertThat(f.get("during").asBoolean()).isTrue();
            assertThat(f.get("line").asInt()).isEqualTo(40);
            assertThat(f.get("offsetSeconds").asDouble()).isPositive();
        });
        assertThat(broken.get("brokenSteps")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.get("error").asText()).isNotBlank();
            assertThat(s.get("faults")).isNotEmpty();
        });
        assertThat(json.get("table")).isNotEmpty().allSatisfy(row -> assertThat(row.get("runs").asInt()).isPositive());
        assertThat(json.get("failingRuns").asInt()).isPositive();
        assertThat(json.get("invariantsBroken").size()).isZero();
        assertThat(json.get("unrecovered").asInt()).isZero();
        assertThat(json.get("permittedLosses").asInt()).isZero();
        assertThat(json.get("injections").get("host-crash").get("betweenStatements").asInt()).isEqualTo(1);
        assertThat(json.get("injections").get("nic-down").get("insideSteps").asInt()).isEqualTo(1);
        assertThat(json.get("injections").get("log-disk-full").get("insideSteps").asInt()).isEqualTo(1);

        // The run seed alone replays the run: the same faults on the same targets at the same instants (those inside a
        // step included), the same journal.
        Result replay = exha("chaos", "--scenario", SCENARIO, "--replay", broken.get("seed").asText(),
                "--format", "json");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        JsonNode again = replay.json().get("runs").get(0);
        assertThat(again.get("journalDigest").asText()).isEqualTo(broken.get("journalDigest").asText());
        assertThat(again.get("faults")).isEqualTo(broken.get("faults"));
        assertThat(again.get("brokenSteps")).isEqualTo(broken.get("brokenSteps"));
    }

    @Test
    void textPrintsTheFaultByStepTableAndTheReplayCommandOfEachFailingRun() {
        Result r = exha("chaos", "--scenario", SCENARIO, "--runs", "2", "--seed", Long.toString(SEED));
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        long seed2 = Chaos.runSeed(SEED, 2);
        assertThat(r.out()).contains("run 1  seed " + Chaos.runSeed(SEED, 1) + "  ok")
                .contains("run 2  seed " + seed2 + "  BROKE")
                .containsPattern("  FAULT +LINE  RUNS  STEP\n")
                .containsPattern("\n  host-crash +13 +1  D:\\\\E3SP1\\\\setup\\\\i386\\\\update.exe\n")
                .containsPattern("\n  host-crash +22 +1  Update-ExchangeVirtualServer")
                .containsPattern("\n  nic-down +40 +1  cluster EXCLUSTER group \"EVS1\" /moveto:NODE1\n")
                .containsPattern("fault: nic-down NODE1/Public during line 40 \\(drawn at \\+[0-9.]+s into its step\\)")
                .containsPattern("\n  log-disk-full +0 / +1 / +0\n")
                .contains("Permitted losses (acknowledged messages lost in unplanned failovers or /RecoverCMS recoveries, as the design allows): 0")
                .contains("Every invariant held in every run.")
                .contains("    exha chaos --scenario " + SCENARIO + " --replay " + seed2 + "\n")
                .contains("Summary: 1 of 2 runs broke a step or an invariant; 0 invariant violations, 0 permitted losses.");
        // The first run of a longer series is the same run: run seeds depend only on the master seed and the number.
        Result one = exha("chaos", "--scenario", SCENARIO, "--runs", "1", "--seed", Long.toString(SEED));
        List<String> first = new ArrayList<>(r.out().lines().filter(l -> l.startsWith("run 1")).toList());
        assertThat(one.out().lines().filter(l -> l.startsWith("run 1")).toList()).isEqualTo(first);
    }

    @Test
    void aRunbookFileReplaysWithItsTopologyOnTheCommandLine() {
        Result r = exha("chaos", "runbooks/" + SCENARIO + ".ps1", "--topology",
                "topologies/" + SCENARIO + ".yaml", "--replay", Long.toString(Chaos.runSeed(SEED, 2)), "--format",
                "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode run = r.json().get("runs").get(0);
        assertThat(run.get("replay").asText()).isEqualTo("exha chaos runbooks/" + SCENARIO + ".ps1 --topology topologies/"
                + SCENARIO + ".yaml --replay " + Chaos.runSeed(SEED, 2));
        assertThat(run.get("failed").asBoolean()).isTrue();
    }

    @Test
    void aRunbookAndAScenarioTogetherOrNeitherIsAUsageError() {
        assertThat(exha("chaos", "--runs", "1").exitCode()).isEqualTo(ExhaCli.USAGE);
        Result both = exha("chaos", "runbooks/" + SCENARIO + ".ps1", "--scenario", SCENARIO);
        assertThat(both.exitCode()).isEqualTo(ExhaCli.USAGE);
        assertThat(both.err()).contains("give a RUNBOOK file or --scenario NAME");
        assertThat(exha("chaos", "--scenario", "no-such-scenario").err()).contains("There is no scenario");
    }
}
