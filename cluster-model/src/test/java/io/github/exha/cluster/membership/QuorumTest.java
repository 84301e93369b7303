package io.github.exha.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.error.NativeCode;
import io.github.exha.core.kernel.JournalEntry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuorumTest {

    @Test
    void twoNodeMnsWithFileShareWitnessPartitionedTheSideReachingTheWitnessKeepsQuorum() {
        QuorumLab lab = new QuorumLab(1, ClusterVersion.WINDOWS_2003,
                QuorumConfiguration.of(QuorumModel.MNS_WITH_FILE_SHARE_WITNESS, QuorumLab.FSW), "N1", "N2").start();
        lab.onlineGroup("EXVS1");
        assertThat(lab.cluster.group("EXVS1").ownerNode()).contains("N1");
        assertThat(lab.membership.witnessOwner()).contains("N1");

        // The sites split and only N2's site still reaches the Hub Transport server holding the share.
        lab.lan.split(List.of("N1"), lab.nodes);
        lab.lan.blockWitness("N1");
        lab.run(Duration.ofSeconds(30));

        assertThat(lab.membership.state("N1")).isEqualTo(MemberState.STOPPED);
        assertThat(lab.membership.state("N2")).isEqualTo(MemberState.MEMBER);
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.DOWN);
        assertThat(lab.engineState("N2")).isEqualTo(NodeState.UP);
        Partition quorum = lab.membership.quorumPartition().orElseThrow();
        assertThat(quorum.nodes()).containsExactly("N2");
        assertThat(quorum.votes()).isEqualTo(2);
        assertThat(lab.membership.totalVotes()).isEqualTo(3);
        assertThat(lab.cluster.group("EXVS1").ownerNode()).contains("N2");
        assertThat(lab.cluster.group("EXVS1").state()).isEqualTo(GroupState.ONLINE);
        assertThat(lab.events(ClusterMembership.EVENT_QUORUM_LOST)).extracting(e -> e.attribute("node")).containsExactly("N1");
        assertThat(lab.events(ClusterMembership.EVENT_NODE_REMOVED)).extracting(e -> e.attribute("node"))
                .containsExactlyInAnyOrder("N1", "N2");
        assertThat(lab.violations).isEmpty();

        // Connectivity returns: N1 joins (Joining, then Up).
        lab.lan.healAll();
        lab.run(Duration.ofSeconds(2));
        assertThat(lab.kernel.journal().entries()).anyMatch(e -> "node.state".equals(e.name()) && "N1".equals(e.attribute("node"))
                && "Joining".equals(e.attribute("to")));
        lab.run(Duration.ofSeconds(5));
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.UP);
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N1", "N2");
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void nodeMajorityOfThreeSurvivesOneLossAndStopsAfterTwo() {
        QuorumLab lab = new QuorumLab(2, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY),
                "N1", "N2", "N3").start();
        lab.onlineGroup("G");
        lab.membership.crash("N1");
        lab.run(Duration.ofSeconds(30));
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N2", "N3");
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.DOWN);
        assertThat(lab.cluster.group("G").ownerNode()).contains("N2");
        assertThat(lab.cluster.group("G").state()).isEqualTo(GroupState.ONLINE);

        lab.membership.crash("N2");
        lab.run(Duration.ofSeconds(30));
        assertThat(lab.membership.quorumPartition()).isEmpty();
        assertThat(lab.membership.state("N3")).isEqualTo(MemberState.STOPPED);
        assertThat(lab.engineState("N3")).isEqualTo(NodeState.DOWN);
        assertThat(lab.cluster.group("G").state()).isEqualTo(GroupState.OFFLINE);
        assertThat(lab.events(ClusterMembership.EVENT_QUORUM_LOST)).extracting(e -> e.attribute("node")).containsExactly("N3");
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void nodeAndFileShareMajorityLosingTheWitnessThenANodeStopsTheCluster() {
        QuorumLab lab = new QuorumLab(3, ClusterVersion.WINDOWS_2008,
                QuorumConfiguration.of(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, QuorumLab.FSW), "N1", "N2").start();
        lab.membership.witnessUnavailable();
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N1", "N2");
        assertThat(lab.membership.witnessOwner()).isEmpty();

        lab.membership.crash("N2");
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.membership.quorumPartition()).isEmpty();
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.DOWN);
        assertThat(lab.membership.state("N1")).isEqualTo(MemberState.STOPPED);

        // The witness comes back: N1 plus the witness is 2 of 3 votes, so N1 forms the cluster again.
        lab.membership.witnessRestored();
        lab.run(Duration.ofSeconds(5));
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N1");
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.UP);
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void sharedDiskOwnerKeepsTheDiskAndAnotherPartitionTakesItOnlyWhenTheOwnerLosesIt() {
        QuorumLab lab = new QuorumLab(4, ClusterVersion.WINDOWS_2003, QuorumConfiguration.of(QuorumModel.SHARED_DISK, QuorumLab.QUORUM_DISK),
                "N1", "N2", "N3").start();
        assertThat(lab.membership.witnessOwner()).contains("N1");
        // N1 alone against N2 and N3: the owner of the quorum disk keeps the cluster, even as a minority.
        lab.lan.split(List.of("N1"), lab.nodes);
        lab.run(Duration.ofSeconds(20));
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N1");
        assertThat(lab.engineState("N2")).isEqualTo(NodeState.DOWN);
        assertThat(lab.engineState("N3")).isEqualTo(NodeState.DOWN);

        // The owner loses its path to the disk: the lowest-named node that reaches it (N2) arbitrates and forms.
        lab.lan.blockWitness("N1");
        lab.run(Duration.ofSeconds(5));
        assertThat(lab.membership.witnessOwner()).contains("N2");
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N2", "N3");
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.DOWN);
        assertThat(lab.membership.state("N1")).isEqualTo(MemberState.STOPPED);
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void diskOnlySurvivesTheLossOfEveryOtherNode() {
        QuorumLab lab = new QuorumLab(5, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.DISK_ONLY, QuorumLab.QUORUM_DISK),
                "N1", "N2", "N3").start();
        lab.membership.crash("N2");
        lab.membership.crash("N3");
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N1");
        assertThat(lab.membership.totalVotes()).isEqualTo(1);
        // Crashing the disk owner hands the disk to the lowest-named running node that sees it.
        lab.membership.restart("N2");
        lab.run(Duration.ofSeconds(5));
        lab.membership.crash("N1");
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.membership.witnessOwner()).contains("N2");
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N2");
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void changingTheModelAtRunTimeReevaluatesQuorum() {
        QuorumLab lab = new QuorumLab(6, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY),
                "N1", "N2", "N3", "N4").start();
        // Node Majority of four: two nodes are only half, so add a file share witness before losing two.
        lab.membership.configureQuorum(QuorumConfiguration.of(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, QuorumLab.FSW));
        assertThat(lab.membership.totalVotes()).isEqualTo(5);
        lab.membership.crash("N3");
        lab.membership.crash("N4");
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.membership.quorumPartition().orElseThrow().votes()).isEqualTo(3);
        // Back to Node Majority: 2 of 4 is not more than half, so the cluster stops at once.
        lab.membership.configureQuorum(QuorumConfiguration.of(QuorumModel.NODE_MAJORITY));
        assertThat(lab.membership.quorumPartition()).isEmpty();
        assertThat(lab.engineState("N1")).isEqualTo(NodeState.DOWN);
        assertThat(lab.engineState("N2")).isEqualTo(NodeState.DOWN);
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void modelsOfTheOtherVersionAreRefused() {
        assertRefused(() -> new QuorumLab(7, ClusterVersion.WINDOWS_2003, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY), "N1", "N2"),
                QuorumErrorCode.MODEL_VERSION_MISMATCH, "Windows Server 2003");
        assertRefused(() -> new QuorumLab(7, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.MAJORITY_NODE_SET), "N1", "N2"),
                QuorumErrorCode.MODEL_VERSION_MISMATCH, "Majority Node Set");
        QuorumLab lab = new QuorumLab(7, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY), "N1", "N2", "N3")
                .start();
        String digest = lab.kernel.journal().digest();
        assertRefused(() -> lab.membership.configureQuorum(QuorumConfiguration.of(QuorumModel.SHARED_DISK, QuorumLab.QUORUM_DISK)),
                QuorumErrorCode.MODEL_VERSION_MISMATCH, "Quorum disk");
        assertThat(lab.membership.quorum().model()).isEqualTo(QuorumModel.NODE_MAJORITY);
        assertThat(lab.kernel.journal().digest()).isEqualTo(digest);
        assertRefused(() -> QuorumConfiguration.of(QuorumModel.NODE_MAJORITY, QuorumLab.FSW), QuorumErrorCode.WITNESS_MISMATCH, "no witness");
        assertRefused(() -> QuorumConfiguration.of(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, QuorumLab.QUORUM_DISK),
                QuorumErrorCode.WITNESS_MISMATCH, "file share witness");
    }

    @Test
    void aFileShareWitnessWithoutFullControlForTheClusterAccountIsRefused() {
        FileShareWitness readOnly = new FileShareWitness("HUB1", "FSW", Set.of("Administrators"));
        ExhaException error = assertRefused(() -> new QuorumLab(8, ClusterVersion.WINDOWS_2003,
                QuorumConfiguration.of(QuorumModel.MNS_WITH_FILE_SHARE_WITNESS, readOnly), "N1", "N2"),
                QuorumErrorCode.WITNESS_ACCESS_DENIED, "'CLUSTER1$' does not have Full Control");
        assertThat(error.nativeCode()).contains(NativeCode.win32(5));
        QuorumLab lab = new QuorumLab(8, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY), "N1", "N2", "N3")
                .start();
        assertRefused(() -> lab.membership.configureQuorum(QuorumConfiguration.of(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, readOnly)),
                QuorumErrorCode.WITNESS_ACCESS_DENIED, "\\\\HUB1\\FSW");
        // The grant is matched case-insensitively, as Windows matches account names.
        lab.membership.configureQuorum(QuorumConfiguration.of(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY,
                new FileShareWitness("HUB1", "FSW", Set.of("cluster1$"))));
        assertThat(lab.membership.totalVotes()).isEqualTo(4);
    }

    @Test
    void networksAndHeartbeatSettingsAreValidated() {
        assertRefused(() -> new ClusterNetwork("Private", NetworkRole.PRIVATE, true), QuorumErrorCode.INVALID_NETWORK, "cannot allow clients");
        QuorumLab lab = new QuorumLab(9, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY), "N1", "N2", "N3");
        assertRefused(() -> new ClusterMembership(lab.kernel, lab.cluster, List.of(ClusterNetwork.publicNetwork("Public")), lab.lan,
                HeartbeatPolicy.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY)), QuorumErrorCode.INVALID_NETWORK, "heartbeats");
        assertRefused(() -> new QuorumLab(9, ClusterVersion.WINDOWS_2003, HeartbeatPolicy.WINDOWS_2008,
                QuorumConfiguration.of(QuorumModel.MAJORITY_NODE_SET), "N1"), QuorumErrorCode.INVALID_HEARTBEAT_SETTING, "cannot be tuned");
        assertRefused(() -> new QuorumLab(9, ClusterVersion.WINDOWS_2008, HeartbeatPolicy.WINDOWS_2008.withSameSubnet(Duration.ofMillis(3000), 5),
                QuorumConfiguration.of(QuorumModel.NODE_MAJORITY), "N1"), QuorumErrorCode.INVALID_HEARTBEAT_SETTING, "SameSubnetDelay");
        assertRefused(() -> new QuorumLab(9, ClusterVersion.WINDOWS_2008, HeartbeatPolicy.WINDOWS_2008.withCrossSubnet(Duration.ofMillis(4000), 11),
                QuorumConfiguration.of(QuorumModel.NODE_MAJORITY), "N1"), QuorumErrorCode.INVALID_HEARTBEAT_SETTING, "CrossSubnetThreshold");
        assertThat(HeartbeatPolicy.WINDOWS_2003.detectionTime(true)).isEqualTo(Duration.ofMillis(7200));
        assertThat(HeartbeatPolicy.WINDOWS_2008.detectionTime(false)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void samePartitionsAndFaultsGiveTheSameJournalDigest() {
        assertThat(chaoticDigest(42)).isEqualTo(chaoticDigest(42));
        assertThat(chaoticDigest(42)).isNotEqualTo(chaoticDigest(43));
    }

    private static String chaoticDigest(long seed) {
        QuorumLab lab = new QuorumLab(seed, ClusterVersion.WINDOWS_2008,
                QuorumConfiguration.of(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, QuorumLab.FSW), "N1", "N2", "N3", "N4").start();
        lab.onlineGroup("G");
        lab.kernel.faultPoints().arm(new io.github.exha.core.kernel.FaultRule(ClusterMembership.NODE_CRASH_FAULT, 0.01, 2));
        lab.lan.split(List.of("N1", "N2"), lab.nodes);
        lab.run(Duration.ofSeconds(40));
        lab.lan.healAll();
        lab.run(Duration.ofSeconds(40));
        assertThat(lab.violations).isEmpty();
        return lab.kernel.journal().digest();
    }

    static ExhaException assertRefused(Runnable action, QuorumErrorCode code, String messagePart) {
        ExhaException[] caught = new ExhaException[1];
        assertThatThrownBy(action::run).isInstanceOfSatisfying(ExhaException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart);
            caught[0] = e;
        });
        return caught[0];
    }

    static long count(List<JournalEntry> entries, String node) {
        return entries.stream().filter(e -> node.equals(e.attribute("node"))).count();
    }
}
