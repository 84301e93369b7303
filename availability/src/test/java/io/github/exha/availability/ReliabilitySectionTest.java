package io.github.exha.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.SourcePosition;
import io.github.exha.core.topology.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReliabilitySectionTest {
    private static Topology parse(String reliability) {
        return Topologies.parse("lab.yaml", "name: lab\nreliability:\n" + reliability);
    }

    private static void refused(String reliability, CoreErrorCode code, int line, int column, String... words) {
        assertThatThrownBy(() -> parse(reliability)).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.position()).contains(new SourcePosition("lab.yaml", line, column));
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void everyFamilyReadsWithTheTopologyDurationSyntax() {
        ReliabilitySection.Reliability r = parse("""
                  node: { failure: { distribution: Exponential, mean: P180D }, repair: { distribution: lognormal, median: PT30M, p95: PT8H } }
                  disk: { failure: { distribution: weibull, shape: 0.8, scale: 73000.00:00:00 } }
                  site: { repair: { distribution: lognormal, median: P1D, sigma: 1.2 } }
                  link: { failure: { distribution: exponential, mtbf: P90D }, repair: { distribution: exponential, mttr: PT1H } }
                  recovery: { backupInterval: PT12H }
                """).section(new ReliabilitySection()).orElseThrow();
        assertThat(r.node().failure().meanSeconds()).isEqualTo(180 * 86400.0);
        assertThat(r.link().failure().meanSeconds()).isEqualTo(90 * 86400.0);
        assertThat(r.link().repair().meanSeconds()).isEqualTo(3600.0);
        assertThat(r.node().repair().seconds().inverseCumulativeProbability(0.95)).isCloseTo(8 * 3600.0,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(r.disk().failure().kind()).isEqualTo(DurationDistribution.Kind.WEIBULL);
        assertThat(r.site().repair().seconds().inverseCumulativeProbability(0.5)).isCloseTo(86400.0,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(r.recovery().backupInterval().duration()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void anUnknownDistributionIsRefusedAtItsPosition() {
        refused("  node: { failure: { distribution: gamma, mean: P1D } }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20,
                "reliability.node.failure", "unknown distribution 'gamma'; use exponential, weibull or lognormal");
    }

    @Test
    void aNegativeOrZeroDurationIsRefused() {
        refused("  node:\n    repair: { distribution: exponential, mean: -PT5M }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                4, 13, "reliability.node.repair", "needs a positive mean", "PT-5M");
        refused("  recovery: { backupInterval: PT0S }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 13,
                "backupInterval must be positive");
    }

    @Test
    void missingAndMisplacedParametersAreRefused() {
        refused("  link: { failure: { distribution: weibull, shape: 1.5 } }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20,
                "needs a positive scale");
        refused("  link: { failure: { distribution: lognormal, median: PT1H } }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                3, 20, "either sigma or p95");
        refused("  link: { failure: { distribution: lognormal, median: PT1H, p95: PT30M } }\n",
                CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20, "must be longer than its median");
        refused("  link: { failure: { distribution: exponential, mean: P1D, shape: 2 } }\n",
                CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20, "'shape' does not belong to a exponential distribution");
        refused("  link: { failure: { mean: P1D } }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20,
                "names its family");
        refused("  link: { failure: { distribution: weibull, shape: -1, scale: P1D } }\n",
                CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20, "shape between 0 and 100");
    }

    @Test
    void aBareNumberHasNoUnitAndAnUnknownKeyIsNamed() {
        refused("  node: { failure: { distribution: exponential, mean: 180 } }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                3, 20, "'mean': expected a duration", "which has no unit");
        refused("  node: { failure: { distribution: exponential, meen: P180D } }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                3, 20, "unknown key 'meen' (did you mean 'mean'?)");
        refused("  node: { failure: { distribution: exponential, mean: P180D, mtbf: P90D } }\n",
                CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20, "give one of mean, mtbf");
        refused("  node: { failure: { distribution: weibull, shape: high, scale: P1D } }\n",
                CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 20, "'shape' must be a number");
        refused("  nodes: { failure: { distribution: exponential, mean: P180D } }\n", CoreErrorCode.TOPOLOGY_UNKNOWN_KEY,
                3, 3, "did you mean 'node'");
    }

    @Test
    void aComponentIsListedOnceAndOverridesSomething() {
        refused("  components:\n    - { name: NODE1 }\n", CoreErrorCode.TOPOLOGY_INVALID_VALUE, 4, 7,
                "declares neither failure nor repair");
        refused("  components:\n    - { name: NODE1, repair: { distribution: exponential, mean: PT1H } }\n"
                + "    - { name: node1, repair: { distribution: exponential, mean: PT2H } }\n",
                CoreErrorCode.TOPOLOGY_INVALID_VALUE, 3, 3, "listed twice");
    }
}
