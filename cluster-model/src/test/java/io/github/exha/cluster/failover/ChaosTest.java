package io.github.exha.cluster.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.core.error.ExhaException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Determinism and a randomized run of operations and faults that checks the invariants at every journal entry. */
class ChaosTest {
    private static final String[] NODES = {"N1", "N2", "N3", "N4"};

    @Test
    void theSameSeedGivesTheSameJournal() {
        assertThat(run(42).lab().kernel.journal().digest()).isEqualTo(run(42).lab().kernel.journal().digest());
        assertThat(run(42).lab().kernel.journal().digest()).isNotEqualTo(run(43).lab().kernel.journal().digest());
    }

    @Test
    void randomizedOperationsAndFaultsNeverBreakTheInvariants() {
        String override = System.getProperty("exha.fuzz.seed");
        long first = override != null ? Long.parseLong(override) : 20080301L;
        int count = override != null ? 1 : 250;
        for (long seed = first; seed < first + count; seed++) {
            System.out.println("failover chaos seed " + seed + " (rerun with -Dexha.fuzz.seed=" + seed + ")");
            Run run = run(seed);
            settleAndCheck(run.lab(), seed);
            assertThat(run.checker().violations()).as("seed %d", seed).isEmpty();
        }
    }

    /** One randomized world and the checker that watched its journal. */
    record Run(Lab lab, PolicyTest.InvariantChecker checker) {
    }

    /** A 4-node cluster with three groups, then 60 random actions and faults over a few virtual hours. */
    static Run run(long seed) {
        Lab lab = new Lab(seed, ClusterVersion.WINDOWS_2003, NODES);
        PolicyTest.InvariantChecker checker = new PolicyTest.InvariantChecker(lab);
        SplittableRandom random = new SplittableRandom(seed);
        lab.app.onlineTime = Duration.ofSeconds(1 + random.nextInt(5));
        for (int g = 1; g <= 3; g++) {
            String group = "G" + g;
            lab.chain(group, group + "Disk", group + "IP", group + "SA");
            lab.cluster.createResource(group, group + "Svc", GenericServiceType.NAME);
            lab.cluster.addDependency(group + "Svc", group + "Disk");
            List<String> preferred = new ArrayList<>(List.of(NODES));
            for (int i = preferred.size() - 1; i > 0; i--) {
                java.util.Collections.swap(preferred, i, random.nextInt(i + 1));
            }
            lab.cluster.setPreferredOwners(group, preferred.subList(0, 2 + random.nextInt(3)));
            if (random.nextBoolean()) {
                lab.cluster.setGroupPolicy(group, GroupPolicy.DEFAULT.withFailbackWindow(random.nextInt(24), random.nextInt(24)));
            }
            if (random.nextInt(4) == 0) {
                lab.cluster.setPossibleOwners(group + "IP", List.of(NODES[random.nextInt(4)], NODES[random.nextInt(4)]));
            }
            try {
                lab.cluster.onlineGroup(group);
            } catch (ExhaException refused) {
                // A group whose owner cannot host a resource is refused; the run goes on.
            }
        }
        for (int step = 0; step < 60; step++) {
            String group = "G" + (1 + random.nextInt(3));
            String resource = group + List.of("Disk", "IP", "SA", "Svc").get(random.nextInt(4));
            String node = NODES[random.nextInt(NODES.length)];
            try {
                switch (random.nextInt(12)) {
                    case 0 -> lab.cluster.nodeDown(node);
                    case 1, 2 -> lab.cluster.nodeUp(node);
                    case 3 -> lab.cluster.pause(node);
                    case 4 -> lab.cluster.resume(node);
                    case 5 -> lab.cluster.moveGroup(group, node);
                    case 6 -> lab.cluster.failResource(resource);
                    case 7 -> lab.cluster.onlineGroup(group);
                    case 8 -> lab.cluster.offlineResource(resource);
                    case 9 -> lab.cluster.onlineResource(resource);
                    case 10 -> lab.app.crashedLoud.add(resource);
                    default -> lab.app.failNextOnlines.merge(resource, 1 + random.nextInt(3), Integer::sum);
                }
            } catch (ExhaException refused) {
                // Refusals are part of the game; they must leave the model unchanged (checked by the invariants).
            }
            lab.run(Duration.ofSeconds(random.nextInt(400)));
        }
        return new Run(lab, checker);
    }

    /** With faults gone and every node up, nothing stays pending and every group is in a state its policies allow. */
    private static void settleAndCheck(Lab lab, long seed) {
        lab.app.failNextOnlines.clear();
        lab.app.crashedLoud.clear();
        for (String node : NODES) {
            ClusterNode n = lab.cluster.node(node);
            if (n.state() == NodeState.PAUSED) {
                lab.cluster.resume(node);
            } else {
                lab.cluster.nodeUp(node);
            }
        }
        lab.run(Duration.ofHours(25));
        for (ClusterGroup group : lab.cluster.groups()) {
            assertThat(group.isMoving()).as("seed %d %s", seed, group).isFalse();
            assertThat(group.state()).as("seed %d %s", seed, group).isNotEqualTo(GroupState.PENDING);
            for (String name : group.resources()) {
                ClusterResource resource = lab.cluster.resource(name);
                if (resource.state() == ResourceState.ONLINE) {
                    assertThat(resource.hostNode()).as("seed %d %s", seed, resource).isEqualTo(group.ownerNode());
                }
                if (resource.state() == ResourceState.FAILED) {
                    // Only a failure the policy gave up on may remain: restarts used up and the group out of failovers
                    // (or with nowhere to go).
                    assertThat(resource.recentRestarts() >= resource.policy().restartThreshold()
                            || resource.policy().restartAction() != RestartAction.RESTART_NOTIFY)
                            .as("seed %d: %s failed with restarts left", seed, resource).isTrue();
                }
            }
        }
        assertThat(lab.app.violations).as("seed %d", seed).isEmpty();
        for (ResourcePlacement placement : lab.cluster.placements()) {
            assertThat(lab.cluster.node(placement.node()).state()).as("seed %d %s", seed, placement).isNotEqualTo(NodeState.DOWN);
        }
    }
}
