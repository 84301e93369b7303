package io.github.exha.cluster.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.failover.ClusterGroup;
import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.membership.FileShareWitness;
import io.github.exha.cluster.membership.MemberState;
import io.github.exha.cluster.membership.QuorumModel;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClustersTest {
    private static final TopologyLoader LOADER =
            new TopologyLoader(Set.of(new StorageSection(), new HostsSection(), new ClustersSection()));
    private static final String GROUP = "EXCH";

    private static Path example() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ClustersTest.class.getResource("/topologies/two-node-mns-fsw.yaml")).toURI());
    }

    /** A built world: the kernel, the datacenter and its clusters. */
    private record World(Kernel kernel, Datacenter datacenter, Clusters clusters) {
        static World of(Topology topology) {
            Kernel kernel = Kernel.create(topology.name(), topology.seed(), topology.start());
            Datacenter datacenter = Datacenter.build(topology, kernel, ClustersTest.class.getClassLoader());
            return new World(kernel, datacenter, Clusters.build(topology, kernel, datacenter));
        }

        static World example() throws Exception {
            return of(LOADER.load(ClustersTest.example()));
        }

        FailoverCluster cluster() {
            return clusters.cluster("SCCCLUSTER");
        }

        ClusterMembership membership() {
            return clusters.membership("scccluster");
        }

        ClusterGroup group() {
            return cluster().group(GROUP);
        }

        /** A group of two Generic Services, preferring NODE1, brought online. */
        void onlineGroup() {
            cluster().createGroup(GROUP);
            cluster().createResource(GROUP, "Exchange Information Store", GenericServiceType.NAME);
            cluster().createResource(GROUP, "Exchange System Attendant", GenericServiceType.NAME);
            cluster().setPreferredOwners(GROUP, List.of("NODE1", "NODE2"));
            kernel.operations().await(cluster().onlineGroup(GROUP));
        }

        void run(Duration duration) {
            kernel.scheduler().runFor(duration);
        }

        Instant now() {
            return kernel.clock().instant();
        }
    }

    @Nested
    class Example {
        @Test
        void exampleBuildsAClusterWithBothNodesUpAndBothResourceTypes() throws Exception {
            World world = World.example();

            assertThat(world.clusters().names()).containsExactly("SCCCLUSTER");
            FailoverCluster cluster = world.cluster();
            assertThat(cluster.version()).isEqualTo(ClusterVersion.WINDOWS_2003);
            assertThat(cluster.nodes()).extracting(n -> n.name() + "=" + n.state())
                    .containsExactly("NODE1=" + NodeState.UP, "NODE2=" + NodeState.UP);
            ClusterMembership membership = world.membership();
            assertThat(membership.quorum().model()).isEqualTo(QuorumModel.MNS_WITH_FILE_SHARE_WITNESS);
            assertThat(membership.quorum().witness()).containsInstanceOf(FileShareWitness.class);
            assertThat(membership.totalVotes()).isEqualTo(3);
            assertThat(world.clusters().clusterOf("node2")).contains(cluster);
            assertThat(world.clusters().clusterOf("HUB1")).isEmpty();

            world.run(Duration.ofSeconds(30));
            assertThat(membership.state("NODE1")).isEqualTo(MemberState.MEMBER);
            assertThat(membership.state("NODE2")).isEqualTo(MemberState.MEMBER);
            assertThat(membership.quorumPartition()).hasValueSatisfying(p -> assertThat(p.nodes()).containsExactly("NODE1", "NODE2"));

            world.onlineGroup();
            assertThat(world.group().state()).isEqualTo(GroupState.ONLINE);
            assertThat(world.group().ownerNode()).contains("NODE1");
            // Both types are registered, the disk type on the datacenter's fabric.
            cluster.createGroup("Disks");
            assertThat(cluster.createResource("Disks", "Disk F:", PhysicalDiskType.NAME).name()).isEqualTo("Disk F:");
        }

        @Test
        void aDeclaredClusterHasTheAddressOfItsTopologyEntry() throws Exception {
            World world = World.example();
            // A declared cluster has no Cluster IP Address resource: the address comes from the topology.
            assertThat(world.cluster().resources()).noneMatch(r -> r.name().equals(Clusters.CLUSTER_IP_ADDRESS));
            assertThat(world.clusters().address("scccluster")).isEqualTo("192.168.10.20");
            assertThatThrownBy(() -> world.clusters().address("NOPE")).isInstanceOf(ExhaException.class);
        }

        @Test
        void unknownClusterIsRefusedWithASuggestion() throws Exception {
            World world = World.example();
            ExhaException e = catchThrowableOfType(ExhaException.class, () -> world.clusters().cluster("SCCLUSTER"));
            assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains("Did you mean SCCCLUSTER?");
        }

        @Test
        void partitionBetweenSitesLeavesQuorumWithTheSideThatReachesTheWitness() throws Exception {
            World world = World.example();
            world.onlineGroup();
            world.run(Duration.ofSeconds(10));
            assertThat(world.group().ownerNode()).contains("NODE1");

            world.clusters().connectivity().cutBetweenSites("Production", "Recovery");
            Instant cut = world.now();
            // Within the detection time (6 missed heartbeats of 1.2 s) nothing has changed yet.
            world.run(Duration.ofMillis(5900));
            assertThat(world.membership().state("NODE1")).isEqualTo(MemberState.MEMBER);
            assertThat(world.group().ownerNode()).contains("NODE1");

            boolean moved = world.kernel().scheduler().runUntil(
                    () -> world.group().state() == GroupState.ONLINE && world.group().ownerNode().equals(java.util.Optional.of("NODE2")),
                    cut.plusSeconds(60));
            assertThat(moved).as("group online on NODE2 after the partition").isTrue();
            assertThat(Duration.between(cut, world.now())).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(12));
            ClusterMembership membership = world.membership();
            assertThat(membership.quorumPartition()).hasValueSatisfying(p -> {
                assertThat(p.nodes()).containsExactly("NODE2");
                assertThat(p.witnessVote()).isTrue();
            });
            assertThat(membership.witnessOwner()).contains("NODE2");
            assertThat(membership.state("NODE1")).isEqualTo(MemberState.STOPPED);
            assertThat(world.cluster().node("NODE1").state()).isEqualTo(NodeState.DOWN);
            assertThat(world.kernel().journal().entries()).anySatisfy(entry -> {
                assertThat(entry.type()).isEqualTo(JournalEntry.Type.STATE_CHANGE);
                assertThat(entry.name()).isEqualTo("network.cut");
                assertThat(entry.attributes()).containsEntry("siteA", "Production").containsEntry("siteB", "Recovery");
            });

            // Healing lets NODE1 join again; the group stays where it runs.
            world.clusters().connectivity().healBetweenSites("Recovery", "Production");
            world.run(Duration.ofSeconds(30));
            assertThat(membership.state("NODE1")).isEqualTo(MemberState.MEMBER);
            assertThat(world.cluster().node("NODE1").state()).isEqualTo(NodeState.UP);
            assertThat(world.group().ownerNode()).contains("NODE2");
        }

        @Test
        void crashOfTheOwningHostMovesTheGroupAfterTheDetectionTime() throws Exception {
            World world = World.example();
            world.onlineGroup();
            world.run(Duration.ofSeconds(10));
            Host node1 = world.datacenter().host("NODE1");

            node1.crash();
            Instant crash = world.now();
            assertThat(world.membership().isHostUp("NODE1")).isFalse();
            world.run(Duration.ofMillis(5900));
            assertThat(world.group().ownerNode()).contains("NODE1");

            boolean moved = world.kernel().scheduler().runUntil(
                    () -> world.group().state() == GroupState.ONLINE && world.group().ownerNode().equals(java.util.Optional.of("NODE2")),
                    crash.plusSeconds(60));
            assertThat(moved).isTrue();
            assertThat(Duration.between(crash, world.now())).isBetween(Duration.ofSeconds(6), Duration.ofSeconds(12));
            assertThat(world.membership().state("NODE1")).isEqualTo(MemberState.CRASHED);

            // Powered on again, NODE1 boots and its cluster service joins.
            world.kernel().operations().await(node1.powerOn());
            world.run(Duration.ofSeconds(30));
            assertThat(world.membership().state("NODE1")).isEqualTo(MemberState.MEMBER);
            assertThat(world.cluster().node("NODE1").state()).isEqualTo(NodeState.UP);
        }

        @Test
        void losingTheOnlyHeartbeatNicSplitsTheClusterAndNicUpRejoins() throws Exception {
            World world = World.example();
            world.onlineGroup();
            HostConnectivity network = world.clusters().connectivity();
            network.nicDown("NODE1", "heartbeat");
            network.nicDown("NODE1", "Heartbeat");
            world.run(Duration.ofSeconds(30));
            // Public is client-only (KB892422), so losing the only heartbeat network splits the cluster; the witness
            // is reached by NODE1 over Public, and as the lowest-named node it keeps it.
            assertThat(world.membership().quorumPartition()).hasValueSatisfying(p -> assertThat(p.nodes()).containsExactly("NODE1"));
            assertThat(world.kernel().journal().entries()).filteredOn(e -> e.name().equals("nic.down")).hasSize(1);

            network.nicUp("NODE1", "Heartbeat");
            world.run(Duration.ofSeconds(30));
            assertThat(world.membership().quorumPartition()).hasValueSatisfying(p -> assertThat(p.nodes()).containsExactly("NODE1", "NODE2"));
            assertThat(world.group().ownerNode()).contains("NODE1");
        }

        @Test
        void networkFaultsRefuseUnknownNames() throws Exception {
            HostConnectivity network = World.example().clusters().connectivity();
            assertThatThrownBy(() -> network.cut("Privat")).isInstanceOf(ExhaException.class).hasMessageContaining("Did you mean Private?");
            assertThatThrownBy(() -> network.cutBetweenSites("Production", "Production")).hasMessageContaining("two different sites");
            assertThatThrownBy(() -> network.cutBetweenSites("Production", "DR")).hasMessageContaining("No host stands in site 'DR'");
            assertThatThrownBy(() -> network.nicDown("NODE1", "Backup")).hasMessageContaining("has no NIC named 'Backup'");
            assertThatThrownBy(() -> network.nicDown("NODE9", "Public")).hasMessageContaining("No host is named 'NODE9'");
        }

        @Test
        void labWithClusterModuleProvidesTheClustersAsASingleton() throws Exception {
            Lab lab = Lab.create(LabSpec.of(TopologySource.file(example())), new ClusterModule());
            Clusters clusters = lab.instance(Clusters.class);
            assertThat(clusters).isSameAs(lab.instance(Clusters.class));
            assertThat(clusters.cluster("SCCCLUSTER").nodes()).hasSize(2);
            assertThat(clusters.connectivity().networks()).containsExactly("Private", "Public");
        }

        @Test
        void labWithoutClustersHasNone() {
            Lab lab = Lab.create(LabSpec.of(TopologySource.text("t.yaml", "name: bare\n")), new ClusterModule());
            assertThat(lab.instance(Clusters.class).clusters()).isEmpty();
        }

        @Test
        void sameTopologyAndSeedGiveTheSameJournalDigest() throws Exception {
            assertThat(run()).isEqualTo(run());
        }

        private String run() throws Exception {
            World world = World.example();
            world.onlineGroup();
            world.clusters().connectivity().cutBetweenSites("Production", "Recovery");
            world.run(Duration.ofSeconds(20));
            world.clusters().connectivity().healBetweenSites("Production", "Recovery");
            world.run(Duration.ofSeconds(20));
            world.datacenter().host("NODE2").crash();
            world.run(Duration.ofSeconds(20));
            world.kernel().operations().await(world.datacenter().host("NODE2").powerOn());
            world.run(Duration.ofSeconds(20));
            return world.kernel().journal().digest();
        }
    }

    @Nested
    class Validation {
        private static final String OS_2003 = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2 }";
        private static final String OS_2008 = "{ version: WINDOWS_SERVER_2008, edition: ENTERPRISE, servicePack: 1 }";

        private String host(String name, String os, String features, int address) {
            return "  - name: " + name + "\n    site: P\n    os: " + os + "\n    features: [" + features + "]\n"
                    + "    nics:\n      - { name: Public, network: Public, address: 192.168.10." + address + ", prefix: 24 }\n"
                    + "      - { name: Heartbeat, network: Private, address: 10.0.0." + address + ", prefix: 24 }\n";
        }

        private String hosts() {
            return "name: t\nhosts:\n" + host("NODE1", OS_2003, "Failover-Clustering", 11) + host("NODE2", OS_2003, "", 12)
                    + host("HUB1", OS_2008, "Web-Server", 21) + host("N8A", OS_2008, "Failover-Clustering", 31)
                    + host("N8B", OS_2008, "", 32);
        }

        private String cluster(String name, String ip, String version, String nodes, String quorum) {
            return "  - name: " + name + "\n    ip: " + ip + "\n    version: " + version + "\n    nodes: " + nodes + "\n"
                    + "    networks:\n      - { name: Public, role: PUBLIC }\n      - { name: Private, role: PRIVATE, allowClients: false }\n"
                    + "    quorum: " + quorum + "\n";
        }

        private String mns() {
            return "{ model: MAJORITY_NODE_SET }";
        }

        private String yaml(String clusters) {
            return hosts() + "clusters:\n" + clusters;
        }

        private ExhaException loadFailure(String clusters) {
            ExhaException e = catchThrowableOfType(ExhaException.class, () -> LOADER.parse("t.yaml", yaml(clusters)));
            assertThat(e).as("expected a load error for:%n%s", clusters).isNotNull();
            assertThat(e.code()).as(e.describe()).isEqualTo(CoreErrorCode.TOPOLOGY_INVALID_VALUE);
            assertThat(e.position()).as(e.describe()).hasValueSatisfying(p -> assertThat(p.toString()).startsWith("t.yaml:"));
            return e;
        }

        private ExhaException buildFailure(String clusters) {
            Topology topology = LOADER.parse("t.yaml", yaml(clusters));
            ExhaException e = catchThrowableOfType(ExhaException.class, () -> World.of(topology));
            assertThat(e).as("expected a build error for:%n%s", clusters).isNotNull();
            assertThat(e.code()).as(e.getMessage()).isEqualTo(CoreErrorCode.TOPOLOGY_INVALID_VALUE);
            assertThat(e.getMessage()).contains("t.yaml");
            return e;
        }

        @Test
        void aValidClusterBuilds() {
            Topology topology = LOADER.parse("t.yaml", yaml(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]", mns())
                    + cluster("CLUS2", "192.168.10.51", "WINDOWS_2008", "[n8a]", "{ model: NODE_MAJORITY }")));
            Clusters clusters = World.of(topology).clusters();
            assertThat(clusters.names()).containsExactly("CLUS1", "CLUS2");
            assertThat(clusters.cluster("clus2").nodes()).extracting(n -> n.name()).containsExactly("N8A");
        }

        @Test
        void unknownNodeIsRefusedWithASuggestion() {
            assertThat(buildFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NOED2]", mns())).getMessage())
                    .contains("clusters[0].nodes[1]", "node 'NOED2', which is not in hosts", "Did you mean NODE2?");
        }

        @Test
        void aNodeInTwoClustersIsRefused() {
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]", mns())
                    + cluster("CLUS2", "192.168.10.51", "WINDOWS_2003", "[node2]", mns())).getMessage())
                    .contains("host 'node2' is a node of both cluster 'CLUS1' and cluster 'CLUS2'");
        }

        @Test
        void clusterNamedLikeAHostIsRefused() {
            assertThat(buildFailure(cluster("hub1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]", mns())).getMessage())
                    .contains("clusters[0].name", "has the name of host 'HUB1'");
        }

        @Test
        void clusterIpOfAHostIsRefused() {
            assertThat(buildFailure(cluster("CLUS1", "192.168.10.21", "WINDOWS_2003", "[NODE1, NODE2]", mns())).getMessage())
                    .contains("clusters[0].ip", "192.168.10.21, which is NIC 'Public' of host 'HUB1'");
        }

        @Test
        void malformedIpIsRefused() {
            assertThat(loadFailure(cluster("CLUS1", "192.168.10", "WINDOWS_2003", "[NODE1, NODE2]", mns())).getMessage())
                    .contains("'192.168.10' is not an IPv4 address");
        }

        @Test
        void nodesOfAnotherWindowsVersionAreRefused() {
            assertThat(buildFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2008", "[NODE1, N8A]", "{ model: NODE_MAJORITY }"))
                    .getMessage()).contains("clusters[0].nodes[0]", "Windows Server 2008 cluster, but node 'NODE1' runs Windows Server 2003");
        }

        @Test
        void a2008NodeWithoutTheFeatureIsRefused() {
            assertThat(buildFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2008", "[N8A, N8B]", "{ model: NODE_MAJORITY }"))
                    .getMessage()).contains("clusters[0].nodes[1]", "'N8B'", "Failover-Clustering feature");
        }

        @Test
        void a2003NodeOnStandardEditionIsRefused() {
            String yaml = "name: t\nhosts:\n" + host("S1", "{ version: WINDOWS_SERVER_2003, edition: STANDARD, servicePack: 2 }", "", 41)
                    + "clusters:\n" + cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[S1]", mns());
            Topology topology = LOADER.parse("t.yaml", yaml);
            assertThatThrownBy(() -> World.of(topology)).isInstanceOf(ExhaException.class)
                    .hasMessageContaining("needs Enterprise or Datacenter Edition");
        }

        @Test
        void tooManyNodesAreRefused() {
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003",
                    "[A1, A2, A3, A4, A5, A6, A7, A8, A9]", mns())).getMessage())
                    .contains("cluster 'CLUS1' has 9 nodes; a Windows Server 2003 cluster has at most 8");
        }

        @Test
        void a2003QuorumModelOn2008IsRefused() {
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2008", "[N8A]", mns())).getMessage())
                    .contains("MAJORITY_NODE_SET (Majority Node Set) is a Windows Server 2003 model, but the cluster is Windows Server 2008",
                            "NODE_AND_FILE_SHARE_MAJORITY");
        }

        @Test
        void witnessMustGrantTheClusterAccountAndFitTheModel() {
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]",
                    "{ model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB1, share: FSW, fullControl: [Administrators] } }"))
                    .getMessage()).contains("must grant the cluster's computer account CLUS1$ Full Control");
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]",
                    "{ model: MNS_WITH_FILE_SHARE_WITNESS }")).getMessage()).contains("needs a file share witness");
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]",
                    "{ model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: NODE2, share: FSW, fullControl: [CLUS1$] } }"))
                    .getMessage()).contains("a node of the cluster");
            assertThat(buildFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1, NODE2]",
                    "{ model: MNS_WITH_FILE_SHARE_WITNESS, witness: { host: HUB2, share: FSW, fullControl: [CLUS1$] } }"))
                    .getMessage()).contains("clusters[0].quorum.witness.host", "'HUB2', which is not in hosts", "Did you mean HUB1?");
        }

        @Test
        void networksNeedAHeartbeatNetworkAndNodesANicOnEach() {
            String noHeartbeat = "  - name: CLUS1\n    ip: 192.168.10.50\n    version: WINDOWS_2003\n    nodes: [NODE1]\n"
                    + "    networks:\n      - { name: Public, role: PUBLIC }\n    quorum: { model: MAJORITY_NODE_SET }\n";
            assertThat(loadFailure(noHeartbeat).getMessage()).contains("needs a network for internal cluster communications");
            String missingNic = "  - name: CLUS1\n    ip: 192.168.10.50\n    version: WINDOWS_2003\n    nodes: [NODE1]\n"
                    + "    networks:\n      - { name: Backup, role: PRIVATE }\n    quorum: { model: MAJORITY_NODE_SET }\n";
            assertThat(buildFailure(missingNic).getMessage()).contains("node 'NODE1' of cluster 'CLUS1' has no NIC on cluster network 'Backup'");
            String privateWithClients = cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1]", mns())
                    .replace("role: PRIVATE, allowClients: false", "role: PRIVATE, allowClients: true");
            assertThat(loadFailure(privateWithClients).getMessage()).contains("has role PRIVATE and cannot allow clients");
        }

        @Test
        void duplicateClusterNamesAndAddressesAreRefused() {
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1]", mns())
                    + cluster("clus1", "192.168.10.51", "WINDOWS_2003", "[NODE2]", mns())).getMessage()).contains("two clusters are named 'clus1'");
            assertThat(loadFailure(cluster("CLUS1", "192.168.10.50", "WINDOWS_2003", "[NODE1]", mns())
                    + cluster("CLUS2", "192.168.10.50", "WINDOWS_2003", "[NODE2]", mns())).getMessage())
                    .contains("clusters 'CLUS1' and 'CLUS2' both have IP address 192.168.10.50");
        }

        @Test
        void theShippedExampleIsValid() throws Exception {
            assertThat(Files.readString(example())).contains("clusters:");
        }
    }
}
