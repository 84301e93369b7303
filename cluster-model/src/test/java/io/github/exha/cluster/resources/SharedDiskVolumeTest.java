package io.github.exha.cluster.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A Physical Disk resource with a Drive property: the disk's volume follows the group from node to node. */
class SharedDiskVolumeTest {
    private static final String OS = "{ version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2 }";

    private static String host(String name, int last) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n    os: " + OS + "\n"
                + "    features: [Failover-Clustering]\n    initiators: [iqn:" + name + "]\n    nics:\n"
                + "      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + "      - { name: Heartbeat, network: Heartbeat, address: 10.0.0." + last + ", prefix: 24 }\n";
    }

    @Test
    void theOwnerMountsTheSharedVolumeAndAMoveTakesTheFilesToTheOtherNode() {
        Lab lab = Lab.create(LabSpec.of(TopologySource.text("t.yaml", "name: t\nseed: 3\nstart: 2008-06-02T09:00:00Z\n"
                + "storage:\n  arrays:\n    - name: SAN\n      vendor: sim\n      site: Production\n      serial: S1\n"
                + "      capacity: 100GB\n      luns:\n        - { name: DATA, size: 1GB, presentedTo: [NODE1, NODE2] }\n"
                + "hosts:\n" + host("NODE1", 11).replace("    nics:", "    volumes:\n"
                        + "      - { disk: SAN/DATA, drive: F, label: DATA, format: true }\n    nics:")
                + host("NODE2", 12)
                + "clusters:\n  - name: CLUS\n    ip: 192.168.10.20\n    version: WINDOWS_2003\n    nodes: [NODE1, NODE2]\n"
                + "    networks:\n      - { name: Public, role: MIXED, allowClients: true }\n"
                + "      - { name: Heartbeat, role: PRIVATE, allowClients: false }\n"
                + "    quorum: { model: MAJORITY_NODE_SET }\n")), new ClusterModule());
        Datacenter datacenter = lab.instance(Datacenter.class);
        Host node1 = datacenter.host("NODE1");
        Host node2 = datacenter.host("NODE2");
        // The topology formatted F: on NODE1; the cluster takes it over from here.
        node1.dismountVolume(DriveLetter.parse("F"));
        FailoverCluster cluster = lab.instance(Clusters.class).cluster("CLUS");
        cluster.createGroup("Data");
        cluster.createResource("Data", "Disk F:", PhysicalDiskType.NAME);
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.ARRAY, "SAN");
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.LUN, "DATA");
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.DRIVE, "F:");
        lab.await(cluster.moveGroup("Data", "NODE1"));
        lab.await(cluster.onlineGroup("Data"));
        assertThat(node1.lunOn(DriveLetter.parse("F"))).isPresent();
        assertThat(node2.volumes()).doesNotContainKey(DriveLetter.parse("F"));
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
        node1.volume("F").createFile("\\note.txt").join();
        node1.volume("F").append("\\note.txt", text, 0, text.length).join();

        lab.await(cluster.moveGroup("Data", "NODE2"));

        assertThat(node1.volumes()).doesNotContainKey(DriveLetter.parse("F"));
        assertThat(node2.volume("F").size("\\note.txt")).isEqualTo(5);
        // A node that crashed while owning the disk does not mount it again at boot: only the cluster does.
        node2.crash();
        lab.await(node2.powerOn());
        assertThat(node2.volumes()).doesNotContainKey(DriveLetter.parse("F"));
    }
}
