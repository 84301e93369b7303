package io.github.exha.cluster.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.kernel.FaultRule;
import io.github.exha.core.kernel.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PolicyTest {

    @Test
    void aFailedResourceRestartsInPlaceUntilTheThresholdThenTheGroupFailsOverToTheNextPreferredOwner() {
        Lab lab = Lab.of("N1", "N2", "N3");
        lab.chain("G", "A", "B");
        lab.cluster.setPreferredOwners("G", List.of("N1", "N3"));
        lab.await(lab.cluster.onlineGroup("G"));
        for (int i = 1; i <= 3; i++) {
            lab.cluster.failResource("A");
            assertThat(lab.state("A")).isEqualTo(ResourceState.FAILED);
            assertThat(lab.state("B")).isEqualTo(ResourceState.OFFLINE);
            lab.run(Duration.ofSeconds(10));
            assertThat(lab.owner("G")).isEqualTo("N1");
            assertThat(lab.groupState("G")).as("restart %d", i).isEqualTo(GroupState.ONLINE);
        }
        lab.cluster.failResource("A");
        lab.run(Duration.ofSeconds(30));
        assertThat(lab.owner("G")).isEqualTo("N3");
        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
        assertThat(lab.cluster.placements()).extracting(ResourcePlacement::node).containsOnly("N3");
        assertThat(lab.events(1153)).singleElement().satisfies(e -> {
            assertThat(e.attribute("from")).isEqualTo("N1");
            assertThat(e.attribute("to")).isEqualTo("N3");
        });
    }

    @Test
    void restartNoNotifyLeavesTheResourceFailedWithoutMovingTheGroup() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("G", "A");
        lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestartAction(RestartAction.RESTART_NO_NOTIFY).withRestart(0, Duration.ofMinutes(15)));
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.failResource("A");
        lab.run(Duration.ofMinutes(5));
        assertThat(lab.state("A")).isEqualTo(ResourceState.FAILED);
        assertThat(lab.owner("G")).isEqualTo("N1");
        assertThat(lab.events(1153)).isEmpty();
    }

    @Test
    void aFourNodeClusterFailsAGroupOverInPreferredOrder() {
        Lab lab = Lab.of("N1", "N2", "N3", "N4");
        InvariantChecker checker = new InvariantChecker(lab);
        lab.chain("EVS1", "Disk", "IP", "Name", "SA");
        lab.cluster.setPreferredOwners("EVS1", List.of("N3", "N1", "N4", "N2"));
        assertThat(lab.cluster.failoverOrder("EVS1")).containsExactly("N3", "N1", "N4", "N2");
        lab.await(lab.cluster.moveGroup("EVS1", "N3"));
        lab.await(lab.cluster.onlineGroup("EVS1"));
        List<String> owners = new ArrayList<>(List.of(lab.owner("EVS1")));
        for (int i = 0; i < 3; i++) {
            lab.cluster.nodeDown(lab.owner("EVS1"));
            lab.run(Duration.ofMinutes(1));
            assertThat(lab.groupState("EVS1")).isEqualTo(GroupState.ONLINE);
            owners.add(lab.owner("EVS1"));
        }
        assertThat(owners).containsExactly("N3", "N1", "N4", "N2");
        assertThat(checker.violations()).isEmpty();
        assertThat(lab.app.violations).isEmpty();
    }

    @Test
    void exceedingTheFailoverThresholdLeavesTheGroupFailed() {
        for (ClusterVersion version : ClusterVersion.values()) {
            Lab lab = new Lab(1, version, "N1", "N2", "N3");
            lab.chain("G", "A", "B");
            lab.cluster.setGroupPolicy("G", GroupPolicy.DEFAULT.withFailover(1, Duration.ofHours(6)));
            lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestart(0, Duration.ofMinutes(15)));
            lab.await(lab.cluster.onlineGroup("G"));
            lab.cluster.failResource("A");
            lab.run(Duration.ofMinutes(1));
            assertThat(lab.owner("G")).isEqualTo("N2");
            assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
            lab.cluster.failResource("A");
            lab.run(Duration.ofHours(1));
            assertThat(lab.owner("G")).isEqualTo("N2");
            assertThat(lab.groupState("G")).isEqualTo(GroupState.FAILED);
            assertThat(lab.state("A")).isEqualTo(ResourceState.FAILED);
            assertThat(lab.state("B")).isEqualTo(ResourceState.OFFLINE);
            assertThat(lab.events(1205)).hasSize(1);
            assertThat(lab.events(1254)).hasSize(version == ClusterVersion.WINDOWS_2008 ? 1 : 0);
        }
    }

    @Test
    void theDefaultFailoverThresholdIsNodesMinusOne() {
        Lab lab = Lab.of("N1", "N2", "N3");
        lab.chain("G", "A");
        lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestart(0, Duration.ofMinutes(15)));
        lab.await(lab.cluster.onlineGroup("G"));
        for (int i = 0; i < 3; i++) {
            lab.cluster.failResource("A");
            lab.run(Duration.ofMinutes(1));
        }
        assertThat(lab.events(1153)).hasSize(2);
        assertThat(lab.groupState("G")).isEqualTo(GroupState.FAILED);
        // Outside the failover period the count starts again.
        lab.run(Duration.ofHours(6));
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.failResource("A");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.events(1153)).hasSize(3);
        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
    }

    @Test
    void failbackIsOffByDefault() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("G", "A");
        lab.cluster.setPreferredOwners("G", List.of("N1"));
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.nodeDown("N1");
        lab.run(Duration.ofMinutes(1));
        lab.cluster.nodeUp("N1");
        lab.run(Duration.ofHours(30));
        assertThat(lab.owner("G")).isEqualTo("N2");
    }

    @Test
    void failbackImmediatelyMovesTheGroupBackWhenThePreferredNodeComesUp() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("G", "A");
        lab.cluster.setPreferredOwners("G", List.of("N1"));
        lab.cluster.setGroupPolicy("G", GroupPolicy.DEFAULT.withImmediateFailback());
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.nodeDown("N1");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G")).isEqualTo("N2");
        lab.cluster.nodeUp("N1");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G")).isEqualTo("N1");
        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
        assertThat(lab.events(1154)).singleElement().satisfies(e -> assertThat(e.time()).isEqualTo(Lab.START.plusSeconds(61)));
    }

    @Test
    void failbackInsideTheWindowHappensAtOnce() {
        Lab lab = new Lab(1, Instant.parse("2008-03-01T02:30:00Z"), ClusterVersion.WINDOWS_2003, "N1", "N2");
        failOverAwayFromN1(lab, 2, 4);
        lab.cluster.nodeUp("N1");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G")).isEqualTo("N1");
    }

    @Test
    void failbackOutsideTheWindowWaitsForTheWindowToOpen() {
        Lab lab = Lab.of("N1", "N2");
        failOverAwayFromN1(lab, 2, 4);
        lab.cluster.nodeUp("N1");
        lab.kernel.scheduler().runUntil(Instant.parse("2008-03-01T01:59:59Z"));
        assertThat(lab.owner("G")).isEqualTo("N2");
        assertThat(lab.events(1154)).isEmpty();
        lab.kernel.scheduler().runUntil(Instant.parse("2008-03-01T02:01:00Z"));
        assertThat(lab.owner("G")).isEqualTo("N1");
        assertThat(lab.events(1154)).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(Instant.parse("2008-03-01T02:00:00Z")));
    }

    @Test
    void aFailbackWindowMayWrapMidnight() {
        GroupPolicy wrapping = GroupPolicy.DEFAULT.withFailbackWindow(22, 4);
        assertThat(wrapping.failbackWindowContains(23)).isTrue();
        assertThat(wrapping.failbackWindowContains(0)).isTrue();
        assertThat(wrapping.failbackWindowContains(3)).isTrue();
        assertThat(wrapping.failbackWindowContains(4)).isFalse();
        assertThat(wrapping.failbackWindowContains(12)).isFalse();
        Lab lab = Lab.of("N1", "N2");
        failOverAwayFromN1(lab, 22, 4);
        lab.cluster.nodeUp("N1");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G")).isEqualTo("N1");
    }

    private static void failOverAwayFromN1(Lab lab, int windowStart, int windowEnd) {
        lab.chain("G", "A");
        lab.cluster.setPreferredOwners("G", List.of("N1"));
        lab.cluster.setGroupPolicy("G", GroupPolicy.DEFAULT.withFailbackWindow(windowStart, windowEnd));
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.nodeDown("N1");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G")).isEqualTo("N2");
    }

    @Test
    void looksAliveDetectsACrashWithinFiveSeconds() {
        Lab lab = Lab.of("N1");
        lab.chain("G", "A");
        lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestartAction(RestartAction.DONT_RESTART));
        lab.await(lab.cluster.onlineGroup("G"));
        lab.run(Duration.ofMillis(2300));
        Instant crash = lab.kernel.clock().instant();
        lab.app.crashedLoud.add("A");
        lab.run(Duration.ofSeconds(5));
        assertThat(lab.state("A")).isEqualTo(ResourceState.FAILED);
        Instant detected = failedAt(lab, "A");
        assertThat(Duration.between(crash, detected)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void isAliveDetectsACrashLooksAliveMissesWithinSixtySeconds() {
        Lab lab = Lab.of("N1");
        lab.chain("G", "A");
        lab.await(lab.cluster.onlineGroup("G"));
        lab.run(Duration.ofSeconds(7));
        Instant crash = lab.kernel.clock().instant();
        lab.app.crashedQuiet.add("A");
        lab.run(Duration.ofSeconds(50));
        assertThat(lab.state("A")).isEqualTo(ResourceState.ONLINE);
        lab.run(Duration.ofSeconds(10));
        Instant detected = failedAt(lab, "A");
        assertThat(Duration.between(crash, detected)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(60));
        // The default policy restarts it in place.
        lab.run(Duration.ofSeconds(5));
        assertThat(lab.state("A")).isEqualTo(ResourceState.ONLINE);
    }

    @Test
    void genericServiceCrashesThroughItsFaultPointAndIsRestarted() {
        Lab lab = Lab.of("N1", "N2");
        lab.cluster.createGroup("G");
        lab.cluster.createResource("G", "Svc", GenericServiceType.NAME);
        lab.cluster.setPrivateProperty("Svc", GenericServiceType.START_TIME, "PT20S");
        lab.await(lab.cluster.onlineGroup("G"));
        assertThat(lab.kernel.clock().instant()).isEqualTo(Lab.START.plusSeconds(20));
        assertThat(lab.service.runningOn("CLUSTER1", "Svc")).contains("N1");
        lab.kernel.faultPoints().arm(FaultRule.once(GenericServiceType.crashFaultPoint("Svc")));
        lab.run(Duration.ofSeconds(5));
        // Detected by LooksAlive and restarted in place at once: the service is starting again.
        assertThat(lab.events(1069)).singleElement().satisfies(e -> assertThat(e.time()).isEqualTo(Lab.START.plusSeconds(25)));
        assertThat(lab.state("Svc")).isEqualTo(ResourceState.ONLINE_PENDING);
        assertThat(lab.service.runningOn("CLUSTER1", "Svc")).isEmpty();
        lab.run(Duration.ofSeconds(21));
        assertThat(lab.state("Svc")).isEqualTo(ResourceState.ONLINE);
        assertThat(lab.service.runningOn("CLUSTER1", "Svc")).contains("N1");
    }

    @Test
    void genericServiceThatFailsToStartFailsOverAfterItsRestarts() {
        Lab lab = Lab.of("N1", "N2");
        lab.cluster.createGroup("G");
        lab.cluster.createResource("G", "Svc", GenericServiceType.NAME);
        lab.kernel.faultPoints().arm(new FaultRule(GenericServiceType.startFaultPoint("Svc"), 1.0, 4));
        lab.cluster.onlineGroup("G");
        lab.run(Duration.ofMinutes(2));
        assertThat(lab.owner("G")).isEqualTo("N2");
        assertThat(lab.state("Svc")).isEqualTo(ResourceState.ONLINE);
        assertThat(lab.events(1069)).hasSize(4);
    }

    static Instant failedAt(Lab lab, String resource) {
        return lab.kernel.journal().entries().stream()
                .filter(e -> "resource.state".equals(e.name()) && resource.equals(e.attribute("resource"))
                        && "Failed".equals(e.attribute("to")))
                .map(JournalEntry::time).findFirst().orElseThrow();
    }

    /** Replays the journal: a resource is active on at most one node, and only after its providers. */
    static final class InvariantChecker {
        private final Lab lab;
        private final Map<String, String> activeOn = new TreeMap<>();
        private final List<String> violations = new ArrayList<>();

        InvariantChecker(Lab lab) {
            this.lab = lab;
            lab.kernel.journal().subscribe(this::check);
        }

        private void check(JournalEntry entry) {
            if (entry.type() == JournalEntry.Type.STATE_CHANGE && "resource.state".equals(entry.name())) {
                String resource = entry.attribute("resource");
                String to = entry.attribute("to");
                boolean active = to.equals("Online") || to.endsWith("Pending");
                String node = entry.attribute("node");
                String was = activeOn.get(resource);
                if (active) {
                    if (was != null && !was.equals(node)) {
                        violations.add(entry.sequence() + ": " + resource + " active on " + node + " and " + was);
                    }
                    activeOn.put(resource, node);
                } else {
                    activeOn.remove(resource);
                }
            }
            // The engine's own view must agree at every entry.
            for (ResourcePlacement placement : lab.cluster.placements()) {
                ClusterResource resource = lab.cluster.resource(placement.resource());
                String owner = lab.cluster.group(placement.group()).ownerNode().orElse("");
                if (!placement.node().equals(owner)) {
                    violations.add(entry.sequence() + ": " + placement + " is not on its group's owner " + owner);
                }
                if (placement.state() != ResourceState.OFFLINE_PENDING) {
                    for (String provider : resource.dependencies()) {
                        ClusterResource p = lab.cluster.resource(provider);
                        if (p.state() != ResourceState.ONLINE || !p.hostNode().orElse("").equals(placement.node())) {
                            violations.add(entry.sequence() + ": " + placement + " while provider " + p);
                        }
                    }
                }
            }
        }

        List<String> violations() {
            return violations;
        }
    }
}
