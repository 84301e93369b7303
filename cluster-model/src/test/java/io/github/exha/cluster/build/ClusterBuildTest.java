package io.github.exha.cluster.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.host.FileAccess;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.SharePermission;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.NetworkRole;
import io.github.exha.cluster.membership.QuorumErrorCode;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.resources.MajorityNodeSetType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Clusters built while the lab runs, from bare hosts, as seed 004 does: create, add, evict, quorum, networks. */
class ClusterBuildTest {
    private static final TopologyLoader LOADER =
            new TopologyLoader(Set.of(new StorageSection(), new HostsSection(), new ClustersSection()));
    private static final String OS_2008 = "{ version: WINDOWS_SERVER_2008, edition: ENTERPRISE, servicePack: 1,"
            + " architecture: X64 }";
    private static final String OS_2003 = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2,"
            + " architecture: X64 }";

    /** A lab of bare hosts. */
    private record World(Kernel kernel, Datacenter datacenter, Clusters clusters) {
        static World of(String hostsYaml) {
            Topology topology = LOADER.parse("t.yaml", "name: build\nseed: 4\nstart: 2008-06-02T09:00:00Z\nhosts:\n"
                    + hostsYaml);
            Kernel kernel = Kernel.create(topology.name(), topology.seed(), topology.start());
            Datacenter datacenter = Datacenter.build(topology, kernel, ClusterBuildTest.class.getClassLoader());
            return new World(kernel, datacenter, Clusters.build(topology, kernel, datacenter));
        }

        <T> T await(Operation<T> operation) {
            return kernel.operations().await(operation);
        }

        void run(Duration duration) {
            kernel.scheduler().runFor(duration);
        }

        Host host(String name) {
            return datacenter.host(name);
        }

        ClusterMembership membership() {
            return clusters.membership("CCRCLUSTER");
        }

        FailoverCluster cluster() {
            return clusters.cluster("CCRCLUSTER");
        }

        /** Seed 004's witness folder and share on HUB1, with the grants given. */
        void witnessShare(Map<String, SharePermission> share, Map<String, FileAccess> ntfs) {
            await(host("HUB1").createDirectory("C:\\FSW_CCR_MAIL"));
            host("HUB1").sharing().share("FSW_CCR_MAIL", "C:\\FSW_CCR_MAIL", share);
            host("HUB1").sharing().changeAcl("C:\\FSW_CCR_MAIL", ntfs, Set.of(), false);
        }
    }

    private static String host(String name, String site, String os, String features, int last, boolean heartbeat) {
        return "  - name: " + name + "\n    site: " + site + "\n    domain: contoso.com\n    os: " + os + "\n"
                + "    features: [" + features + "]\n    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + (heartbeat ? "      - { name: Heartbeat, network: Heartbeat, address: 10.0.0." + last + ", prefix: 24 }\n" : "");
    }

    /** Seed 004's hosts, the witness server in the second node's site. */
    private static World seed004() {
        return World.of(host("NODE1", "Production", OS_2008, "Failover-Clustering", 11, true)
                + host("NODE2", "Recovery", OS_2008, "Failover-Clustering", 12, true)
                + host("HUB1", "Recovery", OS_2008.replace("ENTERPRISE", "STANDARD"), "", 21, false)
                + host("NODE3", "Production", OS_2008, "", 13, true)
                + host("OLD1", "Production", OS_2003, "", 14, true));
    }

    /** Seed 004 up to the quorum: NODE1 + NODE2 with Node and File Share Majority on \\HUB1\FSW_CCR_MAIL. */
    private static World seed004Cluster() {
        World w = seed004();
        w.await(w.clusters.create("CCRCLUSTER", "192.168.10.20", Optional.of("255.255.255.0"), "NODE1"));
        w.clusters.addNode("CCRCLUSTER", "NODE2");
        w.witnessShare(Map.of("CCRCLUSTER$", SharePermission.FULL),
                Map.of("BUILTIN\\Administrators", FileAccess.FULL, "CCRCLUSTER$", FileAccess.FULL));
        w.await(w.clusters.configureQuorum("CCRCLUSTER", QuorumModel.NODE_AND_FILE_SHARE_MAJORITY,
                Optional.of("\\\\HUB1\\FSW_CCR_MAIL")));
        w.run(Duration.ofSeconds(10));
        return w;
    }

    @Test
    void seed004BuildsATwoNodeClusterWithAFileShareWitness() {
        World w = seed004Cluster();
        assertThat(w.cluster().nodes()).extracting(n -> n.name() + "=" + n.state()).containsExactly("NODE1=UP", "NODE2=UP");
        assertThat(w.membership().quorum().model()).isEqualTo(QuorumModel.NODE_AND_FILE_SHARE_MAJORITY);
        assertThat(w.membership().totalVotes()).isEqualTo(3);
        assertThat(w.membership().quorumPartition().orElseThrow().nodes()).containsExactly("NODE1", "NODE2");
        assertThat(w.cluster().group(Clusters.CLUSTER_GROUP).state().displayName()).isEqualTo("Online");
        assertThat(w.cluster().resources()).extracting(r -> r.name())
                .contains(Clusters.CLUSTER_IP_ADDRESS, Clusters.CLUSTER_NAME, "File Share Witness (\\\\HUB1\\FSW_CCR_MAIL)");
        // 2008 names the networks itself; both carry heartbeats and clients until an administrator changes them.
        assertThat(w.membership().networks()).extracting(n -> n.name() + "/" + n.subnet() + "/" + n.role())
                .containsExactly("Cluster Network 1/Public/MIXED", "Cluster Network 2/Heartbeat/MIXED");
    }

    @Test
    void partitionedTheSideThatReachesTheWitnessKeepsQuorum() {
        World w = seed004Cluster();
        w.clusters.connectivity().cutBetweenSites("Production", "Recovery");
        w.run(Duration.ofSeconds(30));
        // NODE2 shares the Recovery site with HUB1: it takes the witness, NODE1 stops its cluster service.
        assertThat(w.membership().quorumPartition().orElseThrow().nodes()).containsExactly("NODE2");
        assertThat(w.cluster().node("NODE1").state()).isEqualTo(NodeState.DOWN);
        assertThat(w.cluster().group(Clusters.CLUSTER_GROUP).ownerNode()).contains("NODE2");
        assertThat(w.kernel.journal().entries().stream().filter(e -> "1177".equals(e.attributes().get(JournalEntry.EVENT_ID)))
                .map(e -> e.attributes().get("node"))).containsExactly("NODE1");
    }

    @Test
    void aClusterCreatedAtRunTimeHasTheAddressOfItsClusterIpAddressResource() {
        World w = seed004();
        w.await(w.clusters.create("CCRCLUSTER", "192.168.10.20", Optional.empty(), "NODE1"));
        assertThat(w.clusters.address("ccrcluster")).isEqualTo("192.168.10.20");
    }

    @Test
    void aWitnessThatDoesNotGrantTheClusterAccountFullControlIsRefusedAndNothingChanges() {
        World w = seed004();
        w.await(w.clusters.create("CCRCLUSTER", "192.168.10.20", Optional.empty(), "NODE1"));
        w.clusters.addNode("CCRCLUSTER", "NODE2");
        // net share without /GRANT gives Everyone Read, so the article's cacls line alone is not enough.
        w.witnessShare(Map.of(), Map.of("CCRCLUSTER$", FileAccess.FULL));
        ExhaException denied = catchThrowableOfType(() -> w.clusters.configureQuorum("CCRCLUSTER",
                QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, Optional.of("\\\\HUB1\\FSW_CCR_MAIL")), ExhaException.class);
        assertThat(denied.code()).isEqualTo(QuorumErrorCode.WITNESS_ACCESS_DENIED);
        assertThat(denied.nativeCode().orElseThrow().number()).isEqualTo(5L);
        assertThat(w.membership().quorum().model()).isEqualTo(QuorumModel.NODE_MAJORITY);
        assertThat(w.cluster().resources()).extracting(r -> r.name())
                .containsExactlyInAnyOrder(Clusters.CLUSTER_IP_ADDRESS, Clusters.CLUSTER_NAME);

        ExhaException noShare = catchThrowableOfType(() -> w.clusters.configureQuorum("CCRCLUSTER",
                QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, Optional.of("\\\\HUB1\\NOPE")), ExhaException.class);
        assertThat(noShare.nativeCode().orElseThrow().number()).isEqualTo(67L);
        ExhaException noServer = catchThrowableOfType(() -> w.clusters.configureQuorum("CCRCLUSTER",
                QuorumModel.NODE_AND_FILE_SHARE_MAJORITY, Optional.of("\\\\HUB9\\FSW")), ExhaException.class);
        assertThat(noServer.nativeCode().orElseThrow().number()).isEqualTo(53L);
    }

    @Test
    void creatingAndAddingRefuseWhatWindowsRefuses() {
        World w = seed004();
        assertThat(catchThrowableOfType(() -> w.clusters.create("NODE2", "192.168.10.20", Optional.empty(), "NODE1"),
                ExhaException.class).nativeCode().orElseThrow().number()).isEqualTo(52L);
        assertThat(catchThrowableOfType(() -> w.clusters.create("CCRCLUSTER", "192.168.10.12", Optional.empty(), "NODE1"),
                ExhaException.class).nativeCode().orElseThrow().number()).isEqualTo(5057L);
        assertThatThrownBy(() -> w.clusters.create("CCRCLUSTER", "172.16.0.5", Optional.empty(), "NODE1"))
                .hasMessageContaining("not on any network of NODE1");
        assertThatThrownBy(() -> w.clusters.create("CCRCLUSTER", "192.168.10.20", Optional.empty(), "NODE3"))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(ClusterErrorCode.NODE_NOT_ELIGIBLE))
                .hasMessageContaining("Failover Clustering feature");
        assertThat(w.clusters.names()).isEmpty();

        w.await(w.clusters.create("CCRCLUSTER", "192.168.10.20", Optional.empty(), "NODE1"));
        assertThatThrownBy(() -> w.clusters.addNode("CCRCLUSTER", "OLD1"))
                .isInstanceOfSatisfying(ExhaException.class, e -> assertThat(e.code()).isEqualTo(ClusterErrorCode.NODE_NOT_ELIGIBLE));
        w.clusters.addNode("CCRCLUSTER", "NODE2");
        assertThat(catchThrowableOfType(() -> w.clusters.addNode("CCRCLUSTER", "NODE2"), ExhaException.class)
                .nativeCode().orElseThrow().number()).isEqualTo(5065L);
        w.await(w.host("NODE3").powerOff());
        assertThat(catchThrowableOfType(() -> w.clusters.addNode("CCRCLUSTER", "NODE3"), ExhaException.class)
                .nativeCode().orElseThrow().number()).isEqualTo(1722L);
        assertThat(w.cluster().nodes()).hasSize(2);
    }

    @Test
    void aWindows2003ClusterHoldsAtMostEightNodesAndUsesMajorityNodeSet() {
        World w = World.of(IntStream.rangeClosed(1, 9).mapToObj(i -> host("N" + i, "Production", OS_2003, "", 10 + i, true))
                .collect(Collectors.joining()));
        w.await(w.clusters.create("CLUS2003", "192.168.10.50", Optional.empty(), "N1"));
        FailoverCluster cluster = w.clusters.cluster("CLUS2003");
        assertThat(cluster.resource(MajorityNodeSetType.NAME).state().displayName()).isEqualTo("Online");
        assertThat(w.clusters.membership("CLUS2003").quorum().model()).isEqualTo(QuorumModel.MAJORITY_NODE_SET);
        // 2003 names the networks after the NIC connections.
        assertThat(w.clusters.membership("CLUS2003").networks()).extracting(n -> n.name()).containsExactly("Public", "Heartbeat");
        for (int i = 2; i <= 8; i++) {
            w.clusters.addNode("CLUS2003", "N" + i);
            w.run(Duration.ofSeconds(2));
        }
        assertThatThrownBy(() -> w.clusters.addNode("CLUS2003", "N9")).hasMessageContaining("already has 8 nodes");
        assertThat(w.clusters.membership("CLUS2003").quorumPartition().orElseThrow().nodes()).hasSize(8);
        // 2003 evicts only a node that is down.
        assertThat(catchThrowableOfType(() -> w.clusters.evictNode("CLUS2003", "N8"), ExhaException.class)
                .nativeCode().orElseThrow().number()).isEqualTo(5009L);
        w.host("N8").crash();
        w.run(Duration.ofSeconds(30));
        w.clusters.evictNode("CLUS2003", "N8");
        assertThat(cluster.nodes()).hasSize(7);
        assertThat(w.clusters.membership("CLUS2003").totalVotes()).isEqualTo(7);
        assertThat(w.clusters.clusterOf("N8")).isEmpty();
    }

    @Test
    void anOrderlyShutdownLeavesAtOnceAndEvictionOn2008StopsTheNodeFirst() {
        World w = seed004Cluster();
        w.await(w.cluster().onlineGroup(Clusters.CLUSTER_GROUP));
        w.cluster().moveGroup(Clusters.CLUSTER_GROUP, "NODE2");
        w.run(Duration.ofSeconds(10));
        java.time.Instant start = w.kernel.clock().instant();
        w.host("NODE2").powerOff();
        w.run(Duration.ofMillis(1));
        // No heartbeat timeout: the node said it was leaving, so no 1135 is logged and the group moved already.
        assertThat(w.cluster().node("NODE2").state()).isEqualTo(NodeState.DOWN);
        assertThat(w.kernel.journal().entries().stream().filter(e -> !e.time().isBefore(start))
                .anyMatch(e -> "1135".equals(e.attributes().get(JournalEntry.EVENT_ID)))).isFalse();
        w.run(Duration.ofSeconds(10));
        assertThat(w.cluster().group(Clusters.CLUSTER_GROUP).ownerNode()).contains("NODE1");
        assertThat(w.membership().quorumPartition().orElseThrow().nodes()).containsExactly("NODE1");

        World x = seed004Cluster();
        x.clusters.evictNode("CCRCLUSTER", "NODE2");
        assertThat(x.cluster().nodes()).extracting(n -> n.name()).containsExactly("NODE1");
        // Node and File Share Majority with one node: 2 votes of 2.
        assertThat(x.membership().totalVotes()).isEqualTo(2);
        assertThat(x.membership().quorumPartition()).isPresent();
        assertThat(catchThrowableOfType(() -> x.clusters.evictNode("CCRCLUSTER", "NODE1"), ExhaException.class)
                .code()).isEqualTo(ClusterErrorCode.INVALID_STATE);
    }

    @Test
    void networksAreRenamedAndTheLastInternalNetworkKeepsItsHeartbeats() {
        World w = seed004Cluster();
        w.membership().renameNetwork("Cluster Network 2", "Heartbeat");
        w.membership().setNetworkRole("Heartbeat", NetworkRole.PRIVATE);
        w.membership().setNetworkRole("Cluster Network 1", NetworkRole.PUBLIC);
        ExhaException last = catchThrowableOfType(() -> w.membership().setNetworkRole("Heartbeat", NetworkRole.PUBLIC),
                ExhaException.class);
        assertThat(last.code()).isEqualTo(QuorumErrorCode.LAST_INTERNAL_NETWORK);
        assertThat(last.nativeCode().orElseThrow().number()).isEqualTo(5066L);
        assertThat(catchThrowableOfType(() -> w.membership().renameNetwork("Heartbeat", "cluster network 1"),
                ExhaException.class).nativeCode().orElseThrow().number()).isEqualTo(5044L);
        // Heartbeats now run on the private network only: cutting it removes a node after 5 missed beats.
        w.clusters.connectivity().cut("Heartbeat");
        w.run(Duration.ofSeconds(10));
        assertThat(w.membership().quorumPartition().orElseThrow().nodes()).hasSize(1);
        assertThat(w.kernel.journal().entries().stream().anyMatch(e -> e.type() == JournalEntry.Type.EVENT_LOG
                && "1135".equals(e.attributes().get(JournalEntry.EVENT_ID)))).isTrue();
        assertThat(List.of(w.cluster().node("NODE1").state(), w.cluster().node("NODE2").state()))
                .containsExactlyInAnyOrder(NodeState.UP, NodeState.DOWN);
    }
}
