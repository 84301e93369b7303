package io.github.exha.cluster.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.cluster.failover.ClusterResource;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.GroupState;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.WindowsPath;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.ClustersSection;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.cluster.topology.HostsSection;
import io.github.exha.cluster.topology.StorageSection;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The IP Address, Network Name and File Share types on the two-node MNS + FSW lab. */
class ClientAccessTypesTest {
    private static final TopologyLoader LOADER =
            new TopologyLoader(Set.of(new StorageSection(), new HostsSection(), new ClustersSection()));
    private static final String GROUP = "EVS";
    private static final String IP = "EVS IP Address";
    private static final String NAME = "EVS Network Name";
    private static final String SERVICE = "Exchange Information Store";

    private Kernel kernel;
    private Datacenter datacenter;
    private Clusters clusters;
    private FailoverCluster cluster;

    @BeforeEach
    void build() throws Exception {
        Topology topology = LOADER.load(Path.of(Objects.requireNonNull(
                ClientAccessTypesTest.class.getResource("/topologies/two-node-mns-fsw.yaml")).toURI()));
        kernel = Kernel.create(topology.name(), topology.seed(), topology.start());
        datacenter = Datacenter.build(topology, kernel, ClientAccessTypesTest.class.getClassLoader());
        clusters = Clusters.build(topology, kernel, datacenter);
        cluster = clusters.cluster("SCCCLUSTER");
    }

    /** An EVS-like group: IP Address, a Network Name on it, a Generic Service on the name. */
    private void evs(String address, String network, String name) {
        cluster.createGroup(GROUP);
        cluster.setPreferredOwners(GROUP, List.of("NODE1", "NODE2"));
        cluster.createResource(GROUP, IP, IpAddressType.NAME);
        cluster.setPrivateProperty(IP, IpAddressType.ADDRESS, address);
        cluster.setPrivateProperty(IP, IpAddressType.SUBNET_MASK, "255.255.255.0");
        cluster.setPrivateProperty(IP, IpAddressType.NETWORK, network);
        cluster.createResource(GROUP, NAME, NetworkNameType.NAME);
        cluster.setPrivateProperty(NAME, NetworkNameType.NAME_PROPERTY, name);
        cluster.addDependency(NAME, IP);
        cluster.createResource(GROUP, SERVICE, GenericServiceType.NAME);
        cluster.addDependency(SERVICE, NAME);
    }

    private ExhaException failure(Operation<?> operation) {
        return catchThrowableOfType(ExhaException.class, () -> kernel.operations().await(operation));
    }

    private ClusterResource resource(String name) {
        return cluster.resource(name);
    }

    private void assertOnlineOn(String node) {
        assertThat(cluster.group(GROUP).state()).isEqualTo(GroupState.ONLINE);
        assertThat(cluster.group(GROUP).ownerNode()).contains(node);
        for (String name : List.of(IP, NAME, SERVICE)) {
            assertThat(resource(name).state()).as(name).isEqualTo(ResourceState.ONLINE);
            assertThat(resource(name).hostNode()).as(name).contains(node);
        }
    }

    @Nested
    class IpAddressAndNetworkName {
        @Test
        void anEvsComesOnlineInDependencyOrderAndMoves() {
            evs("192.168.10.50", "Public", "EXCHEVS1");
            kernel.operations().await(cluster.onlineGroup(GROUP));
            assertOnlineOn("NODE1");

            kernel.operations().await(cluster.moveGroup(GROUP, "NODE2"));
            assertOnlineOn("NODE2");
            kernel.operations().await(cluster.moveGroup(GROUP, "NODE1"));
            assertOnlineOn("NODE1");
        }

        @Test
        void anEvsComesOnlineOnTheSecondNode() {
            evs("192.168.10.50", "public", "EXCHEVS1");
            kernel.operations().await(cluster.moveGroup(GROUP, "NODE2"));
            kernel.operations().await(cluster.onlineGroup(GROUP));
            assertOnlineOn("NODE2");
        }

        @Test
        void anAddressOnThePrivateNetworkFails() {
            evs("10.0.0.50", "Private", "EXCHEVS1");
            ExhaException e = failure(cluster.onlineGroup(GROUP));
            assertThat(e.getMessage()).contains("10.0.0.50", "Private", "does not allow client access");
            assertThat(resource(NAME).state()).isNotEqualTo(ResourceState.ONLINE);
            assertThat(resource(SERVICE).state()).isNotEqualTo(ResourceState.ONLINE);
        }

        @Test
        void anAddressOutsideTheSubnetFails() {
            evs("192.168.20.50", "Public", "EXCHEVS1");
            ExhaException e = failure(cluster.onlineGroup(GROUP));
            assertThat(e.getMessage()).contains("192.168.20.50", "is not in subnet 192.168.10.0/24");
        }

        @Test
        void anAddressOfAHostConflicts() {
            evs("192.168.10.21", "Public", "EXCHEVS1");
            ExhaException e = failure(cluster.onlineGroup(GROUP));
            assertThat(e.getMessage()).contains("address conflict for IP address 192.168.10.21", "host HUB1");
        }

        @Test
        void anAddressOfAnotherOnlineResourceConflicts() {
            evs("192.168.10.50", "Public", "EXCHEVS1");
            kernel.operations().await(cluster.onlineGroup(GROUP));
            cluster.createGroup("OTHER");
            cluster.createResource("OTHER", "Other IP", IpAddressType.NAME);
            cluster.setPrivateProperty("Other IP", IpAddressType.ADDRESS, "192.168.10.50");
            cluster.setPrivateProperty("Other IP", IpAddressType.NETWORK, "Public");
            ExhaException e = failure(cluster.onlineGroup("OTHER"));
            assertThat(e.getMessage()).contains("address conflict for IP address 192.168.10.50", IP);
            assertOnlineOn("NODE1");
        }

        @Test
        void aNetworkNameWithoutAnIpAddressDependencyFailsWith5002() {
            cluster.createGroup(GROUP);
            cluster.createResource(GROUP, NAME, NetworkNameType.NAME);
            cluster.setPrivateProperty(NAME, NetworkNameType.NAME_PROPERTY, "EXCHEVS1");
            ExhaException e = failure(cluster.onlineResource(NAME));
            assertThat(e.getMessage()).contains("The cluster resource dependency cannot be found", "5002 (0x138A)");
            // The type's own Win32 number reaches the caller, as cluster.exe would report "System error 5002".
            assertThat(e.nativeCode().orElseThrow().number()).isEqualTo(5002);
            assertThat(resource(NAME).state()).isNotEqualTo(ResourceState.ONLINE);
        }

        @Test
        void aNameTooLongFails() {
            evs("192.168.10.50", "Public", "EXCHANGEVSERVER1");
            ExhaException e = failure(cluster.onlineGroup(GROUP));
            assertThat(e.getMessage()).contains("'EXCHANGEVSERVER1' has 16 characters", "at most 15");
            assertThat(resource(SERVICE).state()).isNotEqualTo(ResourceState.ONLINE);
        }

        @Test
        void aNameOfAHostFails() {
            evs("192.168.10.50", "Public", "hub1");
            ExhaException e = failure(cluster.onlineGroup(GROUP));
            assertThat(e.getMessage()).contains("name 'hub1' is already used by host HUB1", "duplicate name");
        }

        @Test
        void aNameOfAnotherOnlineNetworkNameFails() {
            evs("192.168.10.50", "Public", "EXCHEVS1");
            kernel.operations().await(cluster.onlineGroup(GROUP));
            cluster.createGroup("OTHER");
            cluster.createResource("OTHER", "Other IP", IpAddressType.NAME);
            cluster.setPrivateProperty("Other IP", IpAddressType.ADDRESS, "192.168.10.51");
            cluster.setPrivateProperty("Other IP", IpAddressType.NETWORK, "Public");
            cluster.createResource("OTHER", "Other Name", NetworkNameType.NAME);
            cluster.setPrivateProperty("Other Name", NetworkNameType.NAME_PROPERTY, "exchevs1");
            cluster.addDependency("Other Name", "Other IP");
            ExhaException e = failure(cluster.onlineGroup("OTHER"));
            assertThat(e.getMessage()).contains("name 'exchevs1' is already used by Network Name resource '" + NAME + "'");
        }

        @Test
        void aNicGoingDownFailsTheAddressAndItsDependentsThenTheGroupFailsOver() {
            evs("192.168.10.50", "Public", "EXCHEVS1");
            kernel.operations().await(cluster.onlineGroup(GROUP));

            clusters.connectivity().nicDown("NODE1", "Public");
            boolean failed = kernel.scheduler().runUntil(() -> resource(IP).state() == ResourceState.FAILED,
                    kernel.scheduler().now().plus(Duration.ofSeconds(10)));
            assertThat(failed).isTrue();
            assertThat(resource(NAME).state()).isEqualTo(ResourceState.OFFLINE);
            assertThat(resource(SERVICE).state()).isEqualTo(ResourceState.OFFLINE);

            // The restarts on NODE1 fail too (the NIC is still down); then the group fails over to NODE2.
            boolean movedOver = kernel.scheduler().runUntil(() -> cluster.group(GROUP).state() == GroupState.ONLINE
                    && cluster.group(GROUP).ownerNode().orElse("").equals("NODE2"),
                    kernel.scheduler().now().plus(Duration.ofMinutes(5)));
            assertThat(movedOver).isTrue();
            assertOnlineOn("NODE2");
        }
    }

    @Nested
    class FileShare {
        private static final String SHARE = "FSW Share";

        private void share(String path) {
            cluster.createGroup("FSW");
            cluster.setPreferredOwners("FSW", List.of("NODE1", "NODE2"));
            cluster.createResource("FSW", SHARE, FileShareType.NAME);
            cluster.setPrivateProperty(SHARE, FileShareType.SHARE_NAME, "FSW_CCR_MAIL");
            cluster.setPrivateProperty(SHARE, FileShareType.PATH, path);
        }

        @Test
        void anExistingDirectoryIsShared() {
            for (String node : List.of("NODE1", "NODE2")) {
                Host host = datacenter.host(node);
                WindowsPath path = host.resolve("C:\\FSW_CCR_MAIL");
                path.volume().createDirectory(path.path());
            }
            share("C:\\FSW_CCR_MAIL");
            kernel.operations().await(cluster.onlineGroup("FSW"));
            assertThat(resource(SHARE).state()).isEqualTo(ResourceState.ONLINE);
            assertThat(resource(SHARE).hostNode()).contains("NODE1");
            kernel.operations().await(cluster.moveGroup("FSW", "NODE2"));
            assertThat(resource(SHARE).state()).isEqualTo(ResourceState.ONLINE);
            assertThat(resource(SHARE).hostNode()).contains("NODE2");
        }

        @Test
        void aMissingDirectoryFailsNamingThePath() {
            share("C:\\FSW_CCR_MAIL");
            ExhaException e = failure(cluster.onlineGroup("FSW"));
            assertThat(e.getMessage()).contains("C:\\FSW_CCR_MAIL", "cannot be found");
        }

        @Test
        void aMissingDriveFailsNamingThePath() {
            share("F:\\FSW_CCR_MAIL");
            ExhaException e = failure(cluster.onlineGroup("FSW"));
            assertThat(e.getMessage()).contains("F:\\FSW_CCR_MAIL", "cannot be found");
        }
    }
}
