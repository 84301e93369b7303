package io.github.exha.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.ExhaException;
import io.github.exha.core.topology.Topology;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AvailabilityEstimatorTest {
    private static final long SEED = 20081101L;

    private static TopologyEstimate estimate(Topology topology, int trials, int threads) {
        System.out.println("seed " + SEED + ", " + trials + " trials, " + threads + " threads: " + topology.name());
        return AvailabilityEstimator.estimate(topology, Optional.empty(), new EstimateSettings(5, trials, threads, SEED),
                () -> { });
    }

    @Test
    void theSameSeedGivesTheSameNumbersWithOneAndWithTwoThreads() {
        for (String file : new String[] {Topologies.SAN, Topologies.CCR, Topologies.CCR_SCR}) {
            Topology topology = Topologies.load(file);
            assertThat(estimate(topology, 300, 2)).isEqualTo(estimate(topology, 300, 1));
        }
    }

    @Test
    void anotherSeedGivesOtherNumbers() {
        Topology topology = Topologies.load(Topologies.CCR);
        TopologyEstimate other = AvailabilityEstimator.estimate(topology, Optional.empty(),
                new EstimateSettings(5, 300, 1, SEED + 1), () -> { });
        assertThat(other.metric(Metric.DOWNTIME_PER_YEAR)).isNotEqualTo(estimate(topology, 300, 1)
                .metric(Metric.DOWNTIME_PER_YEAR));
    }

    @Test
    void intervalsShrinkAsTrialsGrow() {
        for (String file : new String[] {Topologies.SAN, Topologies.CCR, Topologies.CCR_SCR}) {
            Topology topology = Topologies.load(file);
            TopologyEstimate few = estimate(topology, 250, 2);
            TopologyEstimate many = estimate(topology, 1000, 2);
            for (Metric metric : new Metric[] {Metric.AVAILABILITY, Metric.DOWNTIME_PER_YEAR, Metric.OUTAGES_PER_YEAR,
                    Metric.RTO_P50, Metric.RTO_P95}) {
                assertThat(many.metric(metric).width()).as(file + " " + metric)
                        .isLessThan(few.metric(metric).width());
            }
            assertThat(many.metric(Metric.AVAILABILITY).low()).isLessThan(many.metric(Metric.AVAILABILITY).high());
        }
    }

    @Test
    void everyTrialReportsProgress() {
        AtomicInteger done = new AtomicInteger();
        AvailabilityEstimator.estimate(Topologies.load(Topologies.CCR), Optional.empty(), new EstimateSettings(1, 64, 2, SEED),
                done::incrementAndGet);
        assertThat(done).hasValue(64);
    }

    @Test
    void theDesignsAreReadAsTheSeedsBuildThem() {
        assertThat(AvailabilityEstimator.design(Topologies.load(Topologies.SAN)).describe())
                .startsWith("SCC Exchange-Main on MAINCLUSTER").contains("SAN replication (SYNC) over SAN-LINK to SAN-DR");
        assertThat(AvailabilityEstimator.design(Topologies.load(Topologies.CCR)).describe())
                .isEqualTo("CCR EXCHCCR on CCRCLUSTER (NODE1, NODE2; Production; Node and File Share Majority: 2 of NODE1,"
                        + " NODE2, HUB1)");
        assertThat(AvailabilityEstimator.design(Topologies.load(Topologies.CCR_SCR)).describe())
                .startsWith("CCR CCREX01 on E2K7CLU01").contains("+ SCR over Backup-Production to E2K7CLU02");
    }

    /** Only whole sites fail here, so what decides is whether a copy lives in another site. */
    private static final String SITES_ONLY = """
            reliability:
              node: { failure: { distribution: exponential, mean: P3650000D } }
              disk: { failure: { distribution: exponential, mean: P3650000D } }
              array: { failure: { distribution: exponential, mean: P3650000D } }
              link: { failure: { distribution: exponential, mean: P3650000D } }
              site: { failure: { distribution: exponential, mean: P365D }, repair: { distribution: lognormal, median: P3D, p95: P14D } }
            """;

    @Test
    void ccrWithScrSurvivesTheSiteLossesThatCcrAloneDoesNot() {
        TopologyEstimate ccr = estimate(Topologies.parse("ccr.yaml", Topologies.text(Topologies.CCR) + SITES_ONLY), 400, 2);
        TopologyEstimate scr = estimate(Topologies.parse("scr.yaml", Topologies.text(Topologies.CCR_SCR) + SITES_ONLY), 400, 2);
        // Losing its one site, CCR waits days for it; CCR + SCR is back once an administrator activated the standby.
        assertThat(scr.metric(Metric.DOWNTIME_PER_YEAR).high()).isLessThan(ccr.metric(Metric.DOWNTIME_PER_YEAR).low());
        assertThat(ccr.metric(Metric.RTO_P50).estimate()).isGreaterThan(24 * 60);
        assertThat(scr.metric(Metric.RTO_P50).estimate()).isLessThan(12 * 60);
        // ... at the price of the mail SCR had not copied yet: CCR alone loses nothing, it waits.
        assertThat(ccr.metric(Metric.MESSAGES_LOST_PER_YEAR).estimate()).isZero();
        assertThat(scr.metric(Metric.RPO_P95).estimate()).isPositive();
    }

    @Test
    void synchronousSanReplicationLosesNothingWhenTheMainSiteGoes() {
        TopologyEstimate san = estimate(Topologies.parse("san.yaml", Topologies.text(Topologies.SAN) + SITES_ONLY), 400, 2);
        assertThat(san.metric(Metric.RPO_P99).estimate()).isZero();
        assertThat(san.metric(Metric.MESSAGES_LOST_PER_YEAR).estimate()).isZero();
        assertThat(san.metric(Metric.RTO_P50).estimate()).isLessThan(12 * 60);
        String async = Topologies.text(Topologies.SAN).replace("mode: SYNC", "mode: ASYNC");
        TopologyEstimate lagging = estimate(Topologies.parse("async.yaml", async + SITES_ONLY), 400, 2);
        assertThat(lagging.design()).contains("SAN replication (ASYNC)");
        assertThat(lagging.metric(Metric.RPO_P50).estimate()).isPositive();
        assertThat(lagging.metric(Metric.MESSAGES_LOST_PER_YEAR).estimate()).isPositive();
    }

    /** Only nodes fail here. */
    private static final String NODES_ONLY = """
            reliability:
              disk: { failure: { distribution: exponential, mean: P3650000D } }
              array: { failure: { distribution: exponential, mean: P3650000D } }
              link: { failure: { distribution: exponential, mean: P3650000D } }
              site: { failure: { distribution: exponential, mean: P3650000D } }
              recovery: { failover: { distribution: lognormal, median: PT1M, p95: PT2M } }
            """;

    @Test
    void aTwoNodeMajorityNodeSetStopsWhenANodeFailsWhereAFileShareWitnessKeepsIt() {
        String mns = Topologies.text(Topologies.CCR).replace(
                "quorum: { model: NODE_AND_FILE_SHARE_MAJORITY, witness: { host: HUB1, share: FSW_CCR_MAIL, fullControl: [CCRCLUSTER$] } }",
                "quorum: { model: NODE_MAJORITY }");
        TopologyEstimate withoutWitness = estimate(Topologies.parse("mns.yaml", mns + NODES_ONLY), 400, 2);
        TopologyEstimate withWitness = estimate(Topologies.parse("fsw.yaml", Topologies.text(Topologies.CCR) + NODES_ONLY), 400, 2);
        assertThat(withoutWitness.design()).contains("Node Majority: 2 of NODE1, NODE2)");
        // With the witness a node's loss is a one-minute failover; without it the cluster waits for the node.
        assertThat(withWitness.metric(Metric.RTO_P50).estimate()).isLessThan(3);
        assertThat(withoutWitness.metric(Metric.RTO_P50).estimate()).isGreaterThan(10);
        assertThat(withoutWitness.metric(Metric.DOWNTIME_PER_YEAR).low())
                .isGreaterThan(withWitness.metric(Metric.DOWNTIME_PER_YEAR).high());
    }

    @Test
    void aDeclaredFailoverReplacesTheDefaultAndTheCalibration() {
        Topology topology = Topologies.parse("ccr.yaml", Topologies.text(Topologies.CCR) + NODES_ONLY);
        TopologyEstimate estimate = AvailabilityEstimator.estimate(topology, Optional.of(java.time.Duration.ofSeconds(28)),
                new EstimateSettings(1, 10, 1, SEED), () -> { });
        assertThat(estimate.failover()).isEqualTo("declared lognormal(median PT1M, p95 PT2M)");
        TopologyEstimate measured = AvailabilityEstimator.estimate(Topologies.load(Topologies.CCR),
                Optional.of(java.time.Duration.ofSeconds(28)), new EstimateSettings(1, 10, 1, SEED), () -> { });
        assertThat(measured.failover()).isEqualTo("measured in the simulator: lognormal(median PT28S, sigma 0.5)");
    }

    @Test
    void anOverrideMustNameAComponentOfTheDesign() {
        Topology topology = Topologies.parse("ccr.yaml", Topologies.text(Topologies.CCR) + """
                reliability:
                  components:
                    - { name: node1, failure: { distribution: exponential, mean: P30D } }
                    - { name: NODE9, repair: { distribution: exponential, mean: PT1H } }
                """);
        assertThatThrownBy(() -> estimate(topology, 10, 1)).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(AvailabilityErrorCode.UNKNOWN_COMPONENT);
            assertThat(e.getMessage()).contains("reliability.components[1].name", "ccr.yaml", "'NODE9'", "NODE1-DAS/LOGS");
        });
    }

    @Test
    void aTopologyWithoutAMailboxServerHasNothingToEstimate() {
        Topology topology = Topologies.parse("empty.yaml", "name: empty\n");
        assertThatThrownBy(() -> estimate(topology, 10, 1)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(AvailabilityErrorCode.NO_MAILBOX_SERVER));
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new EstimateSettings(10, 1, 1, 1)).isInstanceOfSatisfying(ExhaException.class,
                e -> assertThat(e.code()).isEqualTo(AvailabilityErrorCode.INVALID_SETTINGS));
        assertThatThrownBy(() -> new EstimateSettings(0, 100, 1, 1)).isInstanceOf(ExhaException.class);
        assertThatThrownBy(() -> new EstimateSettings(10, 100, 0, 1)).isInstanceOf(ExhaException.class);
    }
}
