package io.github.exha.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FaultPointsTest {
    private static final long DEFAULT_SEED = 20080301L;

    private final ThreadConfinement confinement = new ThreadConfinement("faults");
    private final long seed = Long.getLong("exha.test.seed", DEFAULT_SEED);
    private final RandomStreams streams = new RandomStreams(seed, confinement);
    private final Journal journal = new Journal(new SimClock(Instant.parse("2008-03-01T00:00:00Z")), confinement);
    private final FaultPoints faults = new FaultPoints(streams, journal, confinement);

    @Test
    void unarmedPointNeverFiresAndDrawsNothing() {
        FaultPoint point = faults.register("disk.io", "an I/O error on a write");
        for (int i = 0; i < 100; i++) {
            assertThat(point.fires()).isFalse();
        }
        assertThat(journal.size()).isZero();
        // Nothing was drawn: the stream still starts where a fresh one does.
        long first = streams.stream("fault:disk.io").nextLong();
        assertThat(first).isEqualTo(new RandomStreams(seed, confinement).stream("fault:disk.io").nextLong());
    }

    @Test
    void armedPointFiresWithTheArmedProbability() {
        System.out.println("seed=" + seed);
        FaultPoint point = faults.register("san.link", "the inter-site link drops");
        faults.arm(new FaultRule("san.link", 0.3, FaultRule.UNLIMITED));
        int trials = 20_000;
        int fired = 0;
        for (int i = 0; i < trials; i++) {
            if (point.fires("link-" + (i % 4))) {
                fired++;
            }
        }
        // 0.3 +- 5 standard deviations (sd = sqrt(0.3 * 0.7 / 20000) ~ 0.0032).
        assertThat(fired / (double) trials).as("seed=" + seed).isBetween(0.284, 0.316);
        assertThat(point.firings()).isEqualTo(fired);
        assertThat(journal.entries()).filteredOn(e -> e.name().equals(FaultPoint.FIRED)).hasSize(fired);
    }

    @Test
    void firingsRespectMaxFiringsAndAreJournaled() {
        FaultPoint point = faults.register("node.power", "a node loses power");
        faults.arm(new FaultRule("node.power", 1.0, 2));
        assertThat(point.fires("NODE1")).isTrue();
        assertThat(point.fires("NODE2")).isTrue();
        assertThat(point.fires("NODE3")).isFalse();
        assertThat(point.firings()).isEqualTo(2);
        JournalEntry second = journal.entries().stream().filter(e -> e.name().equals(FaultPoint.FIRED)).skip(1).findFirst().orElseThrow();
        assertThat(second.type()).isEqualTo(JournalEntry.Type.FAULT);
        assertThat(second.source()).isEqualTo("node.power");
        assertThat(second.attributes()).containsEntry("detail", "NODE2").containsEntry("firing", "2").containsEntry("maxFirings", "2");
        // Re-arming restarts the rule's count.
        faults.arm(FaultRule.once("node.power"));
        assertThat(point.fires()).isTrue();
        assertThat(point.fires()).isFalse();
        faults.disarm("node.power");
        assertThat(point.isArmed()).isFalse();
    }

    @Test
    void registeringTheSameNameTwiceReturnsTheSamePointInRegistrationOrder() {
        FaultPoint a = faults.register("san.link", "link drops");
        FaultPoint b = faults.register("disk.io", "I/O error");
        assertThat(faults.register("san.link", "other text")).isSameAs(a);
        assertThat(faults.registered()).containsExactly(a, b);
        assertThat(a.description()).isEqualTo("link drops");
    }

    @Test
    void armingAnUnknownPointSuggestsTheNearestRegisteredName() {
        faults.register("san.link", "link drops");
        faults.register("node.power", "power loss");
        faults.register("disk.io", "I/O error");
        assertThatThrownBy(() -> faults.arm(FaultRule.always("san.lnk")))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_FAULT_POINT))
                .hasMessageContaining("Did you mean san.link?")
                .hasMessageContaining("san.link, node.power, disk.io");
        assertThatThrownBy(() -> new FaultPoints(streams, journal, confinement).disarm("x"))
                .hasMessageContaining("No fault points are registered");
    }

    @Test
    void applyingAPlanReplacesTheArmedRulesAndIsAllOrNothing() {
        FaultPoint link = faults.register("san.link", "link drops");
        FaultPoint disk = faults.register("disk.io", "I/O error");
        faults.apply(FaultPlan.of(FaultRule.always("san.link")));
        assertThat(link.isArmed()).isTrue();
        assertThatThrownBy(() -> faults.apply(FaultPlan.of(FaultRule.always("disk.io"), FaultRule.always("nope"))))
                .isInstanceOf(ExhaException.class);
        assertThat(link.isArmed()).isTrue();
        assertThat(disk.isArmed()).isFalse();
        faults.apply(FaultPlan.of(FaultRule.always("disk.io")));
        assertThat(link.isArmed()).isFalse();
        assertThat(disk.isArmed()).isTrue();
        faults.apply(FaultPlan.NONE);
        assertThat(faults.registered()).noneMatch(FaultPoint::isArmed);
    }

    @Test
    void rulesAndPlansValidateTheirValues() {
        assertThatThrownBy(() -> new FaultRule("x", 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultRule("x", Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultRule("x", 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FaultRule(" ", 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.of(FaultRule.once("x"), FaultRule.always("x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
