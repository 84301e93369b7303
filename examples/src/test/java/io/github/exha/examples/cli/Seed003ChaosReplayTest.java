package io.github.exha.examples.cli;

import static io.github.exha.examples.cli.ExhaCliTest.exha;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.exha.core.TopologySource;
import io.github.exha.core.invariant.InvariantResult;
import io.github.exha.core.run.StepResult;
import io.github.exha.core.runbook.RunbookParser;
import io.github.exha.examples.cli.ExhaCliTest.Result;
import io.github.exha.exchange.server.MailFlow;
import io.github.exha.exchange.server.Outages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression for {@code exha chaos --scenario seed-003-scr-failover-failback --replay 3381021695803963004}: crashes of
 * NH-W2K3-SRV01 (before line 47) and NH-W2K3-SRV03 (before line 51) break the failback's Enable-, Update- and
 * Restore-StorageGroupCopy steps, so no copy ever reaches NH-W2K3-SRV03; the runbook (every statement runs under
 * chaos) stops the CMS and recovers it there with {@code setup.com /RecoverCMS}, and Exchange mounts the files the
 * node still holds from before the site failover. The 3158 messages acknowledged since are lost as real Exchange
 * loses them: an administrator's recovery, counted as a permitted loss with its reason, not a broken invariant.
 */
class Seed003ChaosReplayTest {
    private static final String SCENARIO = "seed-003-scr-failover-failback";
    private static final long RUN_SEED = 3381021695803963004L;

    @Test
    void theReplayExitsZeroAndCountsTheRecoveryLossAsPermitted() {
        Result r = exha("chaos", "--scenario", SCENARIO, "--replay", Long.toString(RUN_SEED), "--format", "json");
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        JsonNode run = r.json().get("runs").get(0);
        assertThat(run.get("brokenInvariants")).as(r.out()).isEmpty();
        assertThat(run.get("permittedLosses").asLong()).isEqualTo(3158);
        List<Integer> broken = new ArrayList<>();
        run.get("brokenSteps").forEach(step -> broken.add(step.get("line").asInt()));
        assertThat(broken).as("the failback's restores were broken by the crashes").contains(62, 63);
    }

    @Test
    void theLossIsTheFailbackRecoveryFromStaleFilesAndTheInvariantSaysSo() {
        Scenarios.Scenario s = Scenarios.load(SCENARIO);
        TopologySource topology = TopologySource.text(s.topologyLabel(), s.topologyText());
        var runbook = RunbookParser.parse(s.runbookLabel(), s.runbookText());
        var policy = RunbookJob.confirmPolicy(s.declineConfirmations());
        List<Duration> stepTimes = new ArrayList<>();
        for (StepResult step : Chaos.execute(RUN_SEED, topology, runbook, policy, null).report().steps()) {
            stepTimes.add(step.start() == null || step.end() == null ? Duration.ZERO
                    : Duration.between(step.start(), step.end()));
        }
        Chaos.Outcome faulted = Chaos.execute(RUN_SEED, topology, runbook, policy, stepTimes);

        List<Outages.Outage> lossy = faulted.lab().instance(Outages.class).ended().stream()
                .filter(o -> o.lost() > 0 && o.planned()).toList();
        assertThat(lossy).singleElement().satisfies(o -> {
            assertThat(o.database()).isEqualTo("CCREX01\\First Storage Group\\Mailbox Database");
            assertThat(o.fromHost()).isEqualTo("NH-W2K3-SRV01");
            assertThat(o.toHost()).isEqualTo("NH-W2K3-SRV03");
            assertThat(o.recovered()).as("CCREX01 recovered from E2K7CLU02 onto E2K7CLU01").isTrue();
            assertThat(o.lost()).isEqualTo(3158);
            assertThat(o.lossPermitted()).isTrue();
        });
        InvariantResult mail = faulted.report().invariants().stream().filter(i -> i.name().equals(MailFlow.NAME))
                .findFirst().orElseThrow();
        assertThat(mail.held()).as(mail.detail()).isTrue();
        assertThat(mail.detail()).contains("3158 in recoveries of the clustered mailbox server on another cluster "
                + "(setup /RecoverCMS)").contains("; 0 otherwise)");
    }
}
