package io.github.exha.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.membership.ClusterMembership;
import io.github.exha.cluster.resources.PhysicalDiskType;
import io.github.exha.cluster.topology.Clusters;
import io.github.exha.cluster.topology.Datacenter;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.invariant.Invariant;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.examples.ExamplesModule;
import io.github.exha.exchange.server.AcknowledgedMailInvariant;
import io.github.exha.exchange.server.InformationStore;
import io.github.exha.exchange.server.MountedDatabaseInvariant;
import io.github.exha.exchange.store.StoreEvents;
import io.github.exha.storage.spi.AccessState;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The faults {@code exha chaos} injects, one at a time on a small lab, and how the world reacts as Windows and Exchange
 * do: a full log disk takes a stand-alone storage group offline with ESE event 428 and its heal mounts it again; a lost
 * quorum disk stops a cluster whose quorum is the disk alone, and its heal lets the cluster form again.
 */
class ChaosFaultsTest {
    private static final String DATABASE = "EX1\\First Storage Group\\Mailbox Database";

    private static String host(String name, int last, String extra) {
        return "  - name: " + name + "\n    site: Production\n    domain: contoso.com\n"
                + "    os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }\n"
                + "    features: [Failover-Clustering]\n"
                + "    initiators: [iqn:" + name + "]\n" + extra
                + "    nics:\n      - { name: Public, network: Public, address: 192.168.10." + last + ", prefix: 24 }\n"
                + "      - { name: Heartbeat, network: Private, address: 10.0.0." + last + ", prefix: 24 }\n";
    }

    private static Lab lab(String topology) {
        return ExamplesModule.createLab(new LabSpec(TopologySource.text("chaos-faults.yaml", topology),
                OptionalLong.of(7)));
    }

    private static long events(Lab lab, int eventId) {
        return lab.journal().entries().stream().filter(e -> e.type() == JournalEntry.Type.EVENT_LOG
                && Integer.toString(eventId).equals(e.attribute(JournalEntry.EVENT_ID))).count();
    }

    @Test
    void aFullLogDiskTakesTheStorageGroupOfflineWith428AndTheHealFreesItAndMountsItAgain() {
        Lab lab = lab("name: logdisk\nseed: 7\nstart: 2009-07-30T08:00:00Z\n"
                + "storage:\n  arrays:\n    - { name: SAN, vendor: sim, site: Production, serial: S1, capacity: 10GB,\n"
                + "        luns: [{ name: EX1DATA, size: 1GB, presentedTo: [EX1] }] }\n"
                + "hosts:\n" + host("EX1", 10, "    volumes: [{ disk: SAN/EX1DATA, drive: E, label: EX1DATA, format: true }]\n")
                + "exchange:\n  organization: { name: Contoso, domain: contoso.com }\n  servers:\n"
                + "    - { name: EX1, build: 2007 SP1 }\n"
                + "  storageGroups:\n    - { server: EX1, name: First Storage Group, logFolderPath: 'E:\\SG1' }\n"
                + "  databases:\n    - { storageGroup: EX1\\First Storage Group, name: Mailbox Database,"
                + " edbFilePath: 'E:\\SG1\\Mailbox Database.edb' }\n"
                + "  mailboxes:\n    - { database: " + DATABASE + ", count: 10, prefix: a }\n"
                + "  workload: { messagesPerHour: 7200, size: { distribution: lognormal, mean: 60KB, sigma: 1.0 } }\n");
        InformationStore store = lab.instance(InformationStore.class);
        lab.scheduler().runFor(Duration.ofMinutes(2));
        assertThat(store.isMounted(DATABASE)).isTrue();
        long freeBefore = lab.instance(Datacenter.class).host("EX1").resolve("E:\\").volume().freeBytes();

        Chaos.World world = new Chaos.World(lab);
        Chaos.Injected full = world.inject(Chaos.Kind.LOG_DISK_FULL, new SplittableRandom(1));
        assertThat(full.target()).isEqualTo("EX1 E: (EX1\\First Storage Group)");
        lab.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(events(lab, StoreEvents.LOW_LOG_DISK_SPACE)).isEqualTo(1);
        assertThat(store.isMounted(DATABASE)).as("the storage group went offline").isFalse();

        full.heal().run();
        lab.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(lab.instance(Datacenter.class).host("EX1").resolve("E:\\").volume().exists(Chaos.FILLER)).isFalse();
        assertThat(world.remounts).singleElement().satisfies(r -> {
            assertThat(r.database()).isEqualTo(DATABASE);
            assertThat(r.mount().isDone() && !r.mount().isFailed()).isTrue();
        });
        assertThat(store.isMounted(DATABASE)).isTrue();
        assertThat(lab.instance(Datacenter.class).host("EX1").resolve("E:\\").volume().freeBytes())
                .as("the space came back, less the logs written since").isGreaterThan(freeBefore / 2);
        for (Invariant invariant : java.util.List.of(lab.instance(MountedDatabaseInvariant.class),
                lab.instance(AcknowledgedMailInvariant.class))) {
            assertThat(invariant.check().held()).as(invariant.check().detail()).isTrue();
        }
    }

    @Test
    void aLostQuorumDiskStopsASharedDiskQuorumClusterAndTheHealLetsItFormAgain() {
        Lab lab = lab("name: quorumdisk\nseed: 7\nstart: 2009-07-30T08:00:00Z\n"
                + "storage:\n  arrays:\n    - { name: SAN, vendor: sim, site: Production, serial: S1, capacity: 10GB,\n"
                + "        luns: [{ name: QUORUM, size: 1GB, presentedTo: [NODE1, NODE2] }] }\n"
                + "hosts:\n" + host("NODE1", 11, "") + host("NODE2", 12, "")
                + "clusters:\n  - name: CLUS\n    ip: 192.168.10.20\n    version: WINDOWS_2003\n    nodes: [NODE1, NODE2]\n"
                + "    networks: [{ name: Public, role: MIXED, allowClients: true },"
                + " { name: Private, role: PRIVATE, allowClients: false }]\n"
                + "    quorum: { model: SHARED_DISK, witness: { disk: 'Disk Q:' } }\n");
        Clusters clusters = lab.instance(Clusters.class);
        FailoverCluster cluster = clusters.cluster("CLUS");
        // The quorum disk resource, as Cluster Administrator makes it: a Physical Disk in the cluster group.
        cluster.createGroup(Clusters.CLUSTER_GROUP);
        cluster.createResource(Clusters.CLUSTER_GROUP, "Disk Q:", PhysicalDiskType.NAME);
        cluster.setPrivateProperty("Disk Q:", PhysicalDiskType.ARRAY, "SAN");
        cluster.setPrivateProperty("Disk Q:", PhysicalDiskType.LUN, "QUORUM");
        lab.await(cluster.onlineResource("Disk Q:"));
        ClusterMembership membership = clusters.membership("CLUS");
        lab.scheduler().runFor(Duration.ofMinutes(1));
        assertThat(membership.quorumPartition()).isPresent();

        Chaos.World world = new Chaos.World(lab);
        Chaos.Injected lost = world.inject(Chaos.Kind.DISK_WITNESS_LOSS, new SplittableRandom(1));
        assertThat(lost.target()).isEqualTo("CLUS (Disk Q:)");
        assertThat(lab.instance(Datacenter.class).array("SAN").lun("QUORUM").accessState())
                .isEqualTo(AccessState.NOT_READY);
        lab.scheduler().runFor(Duration.ofMinutes(1));
        assertThat(membership.quorumPartition()).as("no partition can arbitrate the disk").isEmpty();
        assertThat(events(lab, ClusterMembership.EVENT_QUORUM_LOST)).isPositive();
        assertThat(cluster.resource("Disk Q:").state()).as("every resource goes offline").isNotEqualTo(
                io.github.exha.cluster.failover.ResourceState.ONLINE);

        lost.heal().run();
        lab.scheduler().runFor(Duration.ofMinutes(2));
        assertThat(lab.instance(Datacenter.class).array("SAN").lun("QUORUM").accessState())
                .isEqualTo(AccessState.READ_WRITE);
        assertThat(membership.quorumPartition()).as("the nodes form the cluster again").isPresent();
        assertThat(membership.quorumPartition().get().nodes()).containsExactly("NODE1", "NODE2");
        lab.scheduler().runFor(Duration.ofMinutes(5));
        assertThat(cluster.resource("Disk Q:").state()).as("the quorum disk is online again")
                .isEqualTo(io.github.exha.cluster.failover.ResourceState.ONLINE);
    }
}
