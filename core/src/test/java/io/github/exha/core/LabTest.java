package io.github.exha.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.run.RunOptions;
import io.github.exha.core.runbook.RunbookParser;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class LabTest {
    private static Lab lab(String yaml, OptionalLong seed) {
        return Lab.create(new LabSpec(TopologySource.text("lab.yaml", yaml), seed));
    }

    /** A little world whose journal depends on random draws: two components ticking at random intervals. */
    private static String digestOfRandomWorld(Lab lab) {
        for (String component : new String[] {"node-a", "node-b"}) {
            RandomGenerator random = lab.streams().stream(component);
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                lab.journal().append(JournalEntry.Type.STATE_CHANGE, component, "tick");
                if (lab.clock().instant().isBefore(Instant.parse("2008-03-01T01:00:00Z"))) {
                    lab.scheduler().schedule(Duration.ofMillis(1 + random.nextInt(60_000)), tick[0]);
                }
            };
            lab.scheduler().schedule(Duration.ZERO, tick[0]);
        }
        lab.scheduler().runUntilIdle();
        return lab.journal().digest();
    }

    @Test
    void topologyWithOnlyNameAndSeedLoadsAndStartsAtTheDefaultInstant() {
        Lab lab = lab("name: tiny\nseed: 42\n", OptionalLong.empty());
        assertThat(lab.topology().name()).isEqualTo("tiny");
        assertThat(lab.seed()).isEqualTo(42);
        assertThat(lab.clock().instant()).isEqualTo(Instant.parse("2008-03-01T00:00:00Z"));
    }

    @Test
    void topologyMayChooseTheStartAndTheSpecMayOverrideTheSeed() {
        Lab lab = lab("name: tiny\nseed: 42\nstart: 2009-01-02T03:04:05Z\n", OptionalLong.of(7));
        assertThat(lab.seed()).isEqualTo(7);
        assertThat(lab.clock().instant()).isEqualTo(Instant.parse("2009-01-02T03:04:05Z"));
    }

    @Test
    void sameSeedGivesSameDigestAndAnotherSeedAnother() {
        String a = digestOfRandomWorld(lab("name: w\nseed: 1\n", OptionalLong.empty()));
        String b = digestOfRandomWorld(lab("name: w\nseed: 1\n", OptionalLong.empty()));
        String c = digestOfRandomWorld(lab("name: w\nseed: 2\n", OptionalLong.empty()));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void badTopologyFailsLabCreationWithItsPosition() {
        assertThatThrownBy(() -> lab("name: tiny\nseeed: 42\n", OptionalLong.empty()))
                .isInstanceOfSatisfying(ExhaException.class, e -> {
                    assertThat(e.code()).isEqualTo(CoreErrorCode.TOPOLOGY_UNKNOWN_KEY);
                    assertThat(e.describe()).startsWith("lab.yaml:2:1: ").contains("seed");
                });
    }

    @Test
    void awaitRunsTimeUntilTheOperationCompletes() {
        Lab lab = lab("name: tiny\n", OptionalLong.empty());
        Operation<String> op = lab.operations().completeAfter(Duration.ofMinutes(3), "failover", () -> "done");
        assertThat(lab.await(op)).isEqualTo("done");
        assertThat(lab.clock().instant()).isEqualTo(Instant.parse("2008-03-01T00:03:00Z"));
    }

    @Test
    void awaitingWhatCanNeverHappenReportsADeadlock() {
        Lab lab = lab("name: tiny\n", OptionalLong.empty());
        Operation<Void> op = lab.operations().create("Move-ClusteredMailboxServer EXCHCMS");
        op.waitingFor("the passive node to join");
        assertThatThrownBy(() -> lab.await(op)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(CoreErrorCode.DEADLOCK))
                .hasMessageContaining("Move-ClusteredMailboxServer EXCHCMS")
                .hasMessageContaining("the passive node to join");
    }

    @Test
    void runbookRunsAreJournaledAndDeterministic() {
        String text = "Start-Sleep 90\nGet-Date | fl\n";
        Lab first = lab("name: tiny\nseed: 5\n", OptionalLong.empty());
        Lab second = lab("name: tiny\nseed: 5\n", OptionalLong.empty());
        String a = first.run(RunbookParser.parse("r.ps1", text), RunOptions.defaults()).journalDigest();
        String b = second.run(RunbookParser.parse("r.ps1", text), RunOptions.defaults()).journalDigest();
        assertThat(a).isEqualTo(b);
        assertThat(first.journal().entries().get(0).name()).isEqualTo("lab.start");
    }
}
