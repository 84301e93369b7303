package io.github.exha.cluster.invariant;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.NodeState;
import io.github.exha.cluster.failover.ResourceTypeRegistry;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProviders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClusterInvariantsTest {
    private final Kernel kernel = Kernel.create("lab", 7, Instant.parse("2008-03-01T00:00:00Z"));
    private final StorageArray san = StorageProviders.find(getClass().getClassLoader(), "sim")
            .createArray(ArraySpec.of("SAN", "Main", "S-01", 1L << 40), new LabStorageContext(kernel, "SAN"));
    private final FailoverCluster cluster = new FailoverCluster("CL1", kernel,
            ResourceTypeRegistry.of(new PhysicalDiskType(StorageFabric.of(List.of(san)), List.of()), new GenericServiceType()),
            ClusterVersion.WINDOWS_2003);
    private final OneNodePerResourceInvariant oneNode = new OneNodePerResourceInvariant(kernel.journal());
    private final OneWriterPerDiskInvariant oneWriter = new OneWriterPerDiskInvariant(kernel.journal());

    @Test
    void failoversMovesAndCrashesKeepBothInvariants() {
        List<String> nodes = List.of("N1", "N2", "N3");
        san.createLun(LunSpec.of("DATA", 1L << 30));
        for (String node : nodes) {
            san.addHost(new HostSpec(node, List.of("iqn:" + node)));
            san.present("DATA", node);
            cluster.addNode(node);
        }
        cluster.createGroup("G");
        cluster.createResource("G", "Disk", PhysicalDiskType.NAME);
        cluster.setPrivateProperty("Disk", PhysicalDiskType.ARRAY, "SAN");
        cluster.setPrivateProperty("Disk", PhysicalDiskType.LUN, "DATA");
        cluster.createResource("G", "App", GenericServiceType.NAME);
        cluster.addDependency("App", "Disk");
        kernel.operations().await(cluster.onlineGroup("G"));
        long seed = Long.getLong("exha.fuzz.seed", 2008L);
        System.out.println("ClusterInvariantsTest seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 60; i++) {
            String node = nodes.get(random.nextInt(nodes.size()));
            switch (random.nextInt(3)) {
                case 0 -> cluster.nodeDown(node);
                case 1 -> cluster.nodeUp(node);
                default -> {
                    if (cluster.node(node).state() == NodeState.UP) {
                        try {
                            cluster.moveGroup("G", node);
                        } catch (RuntimeException refused) {
                            // a move in the wrong state is refused before anything changes; that is fine here
                        }
                    }
                }
            }
            kernel.scheduler().runFor(Duration.ofSeconds(1 + random.nextInt(120)));
        }
        assertThat(oneNode.check().held()).as(oneNode.check().detail()).isTrue();
        assertThat(oneWriter.check().held()).as(oneWriter.check().detail()).isTrue();
        assertThat(kernel.journal().entries()).anyMatch(e -> e.name().equals(PhysicalDiskType.DISK_RESERVED));
    }

    @Test
    void checkersCatchAViolationInTheJournal() {
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "CL1", "resource.state",
                Map.of("resource", "Disk", "group", "G", "node", "N1", "from", "OnlinePending", "to", "Online"));
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "CL1", "resource.state",
                Map.of("resource", "Disk", "group", "G", "node", "N2", "from", "OnlinePending", "to", "Online"));
        assertThat(oneNode.check().held()).isFalse();
        assertThat(oneNode.check().detail()).contains("CL1/Disk").contains("N2").contains("N1");
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "CL1", PhysicalDiskType.DISK_RESERVED,
                Map.of("Array", "SAN", "Lun", "DATA", "node", "N1", "resource", "Disk"));
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "CL1", PhysicalDiskType.DISK_RESERVED,
                Map.of("Array", "SAN", "Lun", "DATA", "node", "N2", "resource", "Disk 2"));
        assertThat(oneWriter.check().held()).isFalse();
        assertThat(oneWriter.check().detail()).contains("SAN/DATA");
    }

    @Test
    void quorumCheckerCatchesTwoPartitionsWithQuorum() {
        OneQuorumPartitionInvariant quorum = new OneQuorumPartitionInvariant(kernel.journal());
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "CL1", "membership.view",
                Map.of("partitions", "[N1 votes=1 quorum] [N2 votes=1]", "partitionsWithQuorum", "1"));
        assertThat(quorum.check().held()).isTrue();
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "CL1", "membership.view",
                Map.of("partitions", "[N1 votes=2 quorum] [N2 votes=2 quorum]", "partitionsWithQuorum", "2"));
        assertThat(quorum.check().held()).isFalse();
        assertThat(quorum.check().detail()).contains("CL1").contains("2 partitions with quorum");
    }


    @Test
    void aSanVolumeMountedOnASecondHostBreaksOneHostPerSanVolumeAndADismountInBetweenDoesNot() {
        OneHostPerSanVolumeInvariant oneHost = new OneHostPerSanVolumeInvariant(kernel.journal());
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "N1", "host.volume-mounted",
                Map.of("drive", "F:", "label", "DATA", "lun", "SAN:DATA"));
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "N1", "host.volume-dismounted",
                Map.of("drive", "F:", "reason", "crash"));
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "N2", "host.volume-mounted",
                Map.of("drive", "F:", "label", "DATA", "lun", "SAN:DATA"));
        assertThat(oneHost.check().held()).isTrue();
        kernel.journal().append(JournalEntry.Type.STATE_CHANGE, "N1", "host.volume-mounted",
                Map.of("drive", "F:", "label", "DATA", "lun", "SAN:DATA"));
        assertThat(oneHost.check().held()).isFalse();
        assertThat(oneHost.check().detail()).contains("N1 mounted LUN SAN:DATA on F: while N2 still had it mounted");
    }
}
