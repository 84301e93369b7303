package io.github.exha.cluster.failover;

import static io.github.exha.cluster.failover.DependencyTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.error.ClusterErrorCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTest {

    @Test
    void nodeDownMovesItsGroupsAndNoResourceIsEverOnTwoNodes() {
        Lab lab = Lab.of("N1", "N2", "N3");
        PolicyTest.InvariantChecker checker = new PolicyTest.InvariantChecker(lab);
        lab.chain("G1", "A1", "B1");
        lab.chain("G2", "A2", "B2");
        lab.await(lab.cluster.onlineGroup("G1"));
        lab.await(lab.cluster.onlineGroup("G2"));
        lab.cluster.nodeDown("N1");
        assertThat(lab.cluster.placements()).noneMatch(p -> p.node().equals("N1"));
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G1")).isEqualTo("N2");
        assertThat(lab.owner("G2")).isEqualTo("N2");
        assertThat(lab.groupState("G1")).isEqualTo(GroupState.ONLINE);
        assertThat(checker.violations()).isEmpty();
        assertThat(lab.app.violations).isEmpty();
    }

    @Test
    void aGroupLeftOfflineWhenEveryNodeWentDownComesBackOnlineWhenItsOwnerIsUpAgain() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("G", "A", "B");
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.nodeDown("N2");
        lab.cluster.nodeDown("N1");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.groupState("G")).isEqualTo(GroupState.OFFLINE);
        assertThat(lab.owner("G")).isEqualTo("N1");

        // The cluster forms again (quorum regained): the group's persistent state brings it back.
        lab.cluster.nodeUp("N1");
        lab.run(Duration.ofMinutes(1));

        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
        assertThat(lab.owner("G")).isEqualTo("N1");
        lab.cluster.nodeUp("N2");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.cluster.placements()).extracting(ResourcePlacement::node).containsOnly("N1");
    }

    @Test
    void aGroupLeftFailedByItsFailoverThresholdComesBackOnlineWhenTheClusterFormsAgainAfterLosingQuorumEverywhere() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("G", "A", "B");
        lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestart(0, Duration.ofMinutes(15)));
        lab.await(lab.cluster.onlineGroup("G"));
        lab.cluster.failResource("A");
        lab.run(Duration.ofMinutes(1));
        lab.cluster.failResource("A");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.groupState("G")).isEqualTo(GroupState.FAILED);

        // The cluster service stops on every node (quorum lost everywhere): what it knew of failures and failover
        // counts was in memory only. When the cluster forms again it brings the group online from its persistent
        // state, as it does any group (found by the replication chaos test, seeds 20070379 and 20070468).
        lab.cluster.nodeDown("N1");
        lab.cluster.nodeDown("N2");
        lab.run(Duration.ofMinutes(1));
        lab.cluster.nodeUp("N2");
        lab.run(Duration.ofMinutes(1));

        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
        assertThat(lab.owner("G")).isEqualTo("N2");
        // And its failover count started again: one failover is allowed before the threshold.
        lab.cluster.nodeUp("N1");
        lab.run(Duration.ofMinutes(1));
        lab.cluster.failResource("A");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
        assertThat(lab.owner("G")).isEqualTo("N1");
    }

    @Test
    void aFailedGroupStaysFailedWhileTheClusterKeepsQuorum() {
        Lab lab = Lab.of("N1", "N2", "N3");
        lab.chain("G", "A");
        lab.cluster.setResourcePolicy("A", ResourcePolicy.DEFAULT.withRestart(0, Duration.ofMinutes(15)));
        lab.await(lab.cluster.onlineGroup("G"));
        for (int i = 0; i < 3; i++) {
            lab.cluster.failResource("A");
            lab.run(Duration.ofMinutes(1));
        }
        assertThat(lab.groupState("G")).isEqualTo(GroupState.FAILED);
        String owner = lab.owner("G");
        String other = owner.equals("N1") ? "N2" : "N1";

        // Windows Server 2003 never retries a failed resource by itself: a node coming and going changes nothing.
        lab.cluster.nodeDown(other);
        lab.run(Duration.ofMinutes(1));
        lab.cluster.nodeUp(other);
        lab.run(Duration.ofMinutes(10));
        assertThat(lab.groupState("G")).isEqualTo(GroupState.FAILED);
    }

    @Test
    void moveToANodeThatIsNotAPossibleOwnerIsRefusedAndNothingChanges() {
        Lab lab = Lab.of("N1", "N2", "N3");
        lab.chain("G", "A", "B");
        lab.cluster.setPossibleOwners("B", List.of("N1", "N2"));
        lab.await(lab.cluster.onlineGroup("G"));
        String digest = lab.kernel.journal().digest();
        assertRefused(() -> lab.cluster.moveGroup("G", "N3"), ClusterErrorCode.HOST_NODE_NOT_RESOURCE_OWNER, 5015);
        lab.cluster.nodeDown("N2");
        String afterDown = lab.kernel.journal().digest();
        assertThat(afterDown).isNotEqualTo(digest);
        assertRefused(() -> lab.cluster.moveGroup("G", "N2"), ClusterErrorCode.HOST_NODE_NOT_AVAILABLE, 5005);
        assertThat(lab.kernel.journal().digest()).isEqualTo(afterDown);
        assertThat(lab.owner("G")).isEqualTo("N1");
        assertThat(lab.groupState("G")).isEqualTo(GroupState.ONLINE);
    }

    @Test
    void moveGroupTakesEverythingOfflineThenOnlineOnTheTarget() {
        Lab lab = Lab.of("N1", "N2");
        lab.chain("G", "A", "B");
        lab.await(lab.cluster.onlineGroup("G"));
        lab.await(lab.cluster.moveGroup("G", "N2"));
        assertThat(lab.owner("G")).isEqualTo("N2");
        assertThat(lab.cluster.placements()).extracting(ResourcePlacement::node).containsOnly("N2");
        assertThat(lab.app.offlineOrder).containsExactly("B", "A");
        assertThat(lab.app.onlineOrder).containsExactly("A", "B", "A", "B");
    }

    @Test
    void aPausedNodeKeepsItsGroupsButTakesNoNewOnes() {
        Lab lab = Lab.of("N1", "N2", "N3");
        lab.chain("G1", "A1");
        lab.chain("G2", "A2");
        lab.await(lab.cluster.onlineGroup("G1"));
        lab.await(lab.cluster.moveGroup("G2", "N3"));
        lab.await(lab.cluster.onlineGroup("G2"));
        lab.cluster.pause("N2");
        assertRefused(() -> lab.cluster.moveGroup("G1", "N2"), ClusterErrorCode.HOST_NODE_NOT_AVAILABLE, 5070);
        lab.cluster.pause("N3");
        assertThat(lab.groupState("G2")).isEqualTo(GroupState.ONLINE);
        assertThat(lab.owner("G2")).isEqualTo("N3");
        lab.cluster.nodeDown("N1");
        lab.run(Duration.ofMinutes(10));
        // Nowhere to go: both other nodes are paused.
        assertThat(lab.owner("G1")).isEqualTo("N1");
        assertThat(lab.groupState("G1")).isEqualTo(GroupState.OFFLINE);
        lab.cluster.resume("N2");
        lab.run(Duration.ofMinutes(1));
        assertThat(lab.owner("G1")).isEqualTo("N2");
        assertThat(lab.groupState("G1")).isEqualTo(GroupState.ONLINE);
        assertRefused(() -> lab.cluster.resume("N2"), ClusterErrorCode.INVALID_STATE, 5058);
        assertThat(lab.cluster.node("N3").state()).isEqualTo(NodeState.PAUSED);
    }
}
