package io.github.exha.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.core.kernel.JournalEntry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatTest {

    @Test
    void windows2003RemovesACrashedNodeExactly7point2SecondsAfterItsLastHeartbeat() {
        QuorumLab lab = new QuorumLab(1, ClusterVersion.WINDOWS_2003, QuorumConfiguration.of(QuorumModel.MAJORITY_NODE_SET),
                "N1", "N2", "N3").start();
        assertDetection(lab, Duration.ofSeconds(12), Duration.ofMillis(7200));
        JournalEntry removed = lab.events(ClusterMembership.EVENT_NODE_REMOVED).get(0);
        assertThat(removed.name()).isEqualTo("ClusSvc");
        assertThat(removed.attribute("message")).startsWith("Cluster node N3 was removed from the active server cluster membership.");
    }

    @Test
    void windows2008RemovesACrashedNodeExactly5SecondsAfterItsLastHeartbeat() {
        QuorumLab lab = new QuorumLab(1, ClusterVersion.WINDOWS_2008, QuorumConfiguration.of(QuorumModel.NODE_MAJORITY),
                "N1", "N2", "N3").start();
        assertDetection(lab, Duration.ofSeconds(10), Duration.ofSeconds(5));
        JournalEntry removed = lab.events(ClusterMembership.EVENT_NODE_REMOVED).get(0);
        assertThat(removed.name()).isEqualTo("Microsoft-Windows-FailoverClustering");
        assertThat(removed.attribute("message")).startsWith("Cluster node 'N3' was removed from the active failover cluster membership.");
    }

    @Test
    void crossSubnetSettingsApplyBetweenSites() {
        QuorumLab lab = new QuorumLab(1, ClusterVersion.WINDOWS_2008,
                HeartbeatPolicy.WINDOWS_2008.withCrossSubnet(Duration.ofSeconds(2), 7), QuorumConfiguration.of(QuorumModel.NODE_MAJORITY),
                "N1", "N2", "N3");
        lab.lan.site("N1", "A");
        lab.lan.site("N2", "A");
        lab.lan.site("N3", "B");
        lab.start();
        assertDetection(lab, Duration.ofSeconds(10), Duration.ofSeconds(14));
    }

    /** Runs to a heartbeat instant, crashes N3 and checks it is removed exactly {@code detection} later, not before. */
    private static void assertDetection(QuorumLab lab, Duration beforeCrash, Duration detection) {
        lab.run(beforeCrash);
        lab.membership.crash("N3");
        lab.run(detection.minusNanos(1));
        assertThat(lab.events(ClusterMembership.EVENT_NODE_REMOVED)).isEmpty();
        assertThat(lab.engineState("N3")).isEqualTo(NodeState.UP);
        lab.run(Duration.ofNanos(1));
        assertThat(lab.events(ClusterMembership.EVENT_NODE_REMOVED)).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(QuorumLab.START.plus(beforeCrash).plus(detection));
            assertThat(e.attribute("node")).isEqualTo("N3");
        });
        assertThat(lab.engineState("N3")).isEqualTo(NodeState.DOWN);
        assertThat(lab.membership.quorumPartition().orElseThrow().nodes()).containsExactly("N1", "N2");
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void losingOneOfTwoHeartbeatNetworksLogs1123And1126ButRemovesNobody() {
        QuorumLab lab = new QuorumLab(1, ClusterVersion.WINDOWS_2003, QuorumConfiguration.of(QuorumModel.MAJORITY_NODE_SET),
                "N1", "N2", "N3").start();
        lab.lan.cut("N1", "N2", "Private");
        lab.run(Duration.ofSeconds(10));
        assertThat(lab.events(ClusterMembership.EVENT_COMMUNICATION_LOST)).extracting(e -> e.attribute("loggedOn") + "->" + e.attribute("node"))
                .containsExactlyInAnyOrder("N1->N2", "N2->N1");
        assertThat(lab.events(ClusterMembership.EVENT_COMMUNICATION_LOST)).allMatch(e -> "Private".equals(e.attribute("network")));
        assertThat(lab.events(ClusterMembership.EVENT_INTERFACE_UNREACHABLE)).extracting(e -> e.attribute("node"))
                .containsExactlyInAnyOrder("N1", "N2");
        assertThat(lab.events(ClusterMembership.EVENT_NODE_REMOVED)).isEmpty();
        lab.lan.heal("N1", "N2", "Private");
        lab.run(Duration.ofSeconds(2));
        assertThat(lab.events(ClusterMembership.EVENT_COMMUNICATION_RESTORED)).hasSize(2);
        assertThat(lab.events(ClusterMembership.EVENT_INTERFACE_UP)).hasSize(2);
        assertThat(lab.violations).isEmpty();
    }

    @Test
    void aPublicNetworkCarriesNoHeartbeats() {
        QuorumLab lab = new QuorumLab(1, ClusterVersion.WINDOWS_2003, QuorumConfiguration.of(QuorumModel.MAJORITY_NODE_SET),
                "N1", "N2", "N3");
        ClusterMembership membership = new ClusterMembership(lab.kernel, lab.cluster,
                java.util.List.of(ClusterNetwork.publicNetwork("Public"), ClusterNetwork.privateNetwork("Private")), lab.lan,
                HeartbeatPolicy.WINDOWS_2003, QuorumConfiguration.of(QuorumModel.MAJORITY_NODE_SET));
        membership.start();
        // Only the private network carries heartbeats, so losing it alone isolates N3.
        lab.lan.cut("N1", "N3", "Private");
        lab.lan.cut("N2", "N3", "Private");
        lab.run(Duration.ofSeconds(10));
        assertThat(membership.state("N3")).isEqualTo(MemberState.STOPPED);
        assertThat(lab.events(ClusterMembership.EVENT_COMMUNICATION_LOST)).noneMatch(e -> "Public".equals(e.attribute("network")));
    }
}
