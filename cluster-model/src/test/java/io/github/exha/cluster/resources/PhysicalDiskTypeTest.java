package io.github.exha.cluster.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exha.cluster.failover.ClusterVersion;
import io.github.exha.cluster.failover.FailoverCluster;
import io.github.exha.cluster.failover.GenericServiceType;
import io.github.exha.cluster.failover.ResourcePolicy;
import io.github.exha.cluster.failover.ResourceState;
import io.github.exha.cluster.failover.ResourceTypeRegistry;
import io.github.exha.cluster.failover.RestartAction;
import io.github.exha.cluster.storage.LabStorageContext;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.JournalEntry;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.kernel.Operation;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.ArraySpec;
import io.github.exha.storage.spi.HostSpec;
import io.github.exha.storage.spi.LunSpec;
import io.github.exha.storage.spi.StorageArray;
import io.github.exha.storage.spi.StorageProviders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalDiskTypeTest {
    private final Kernel kernel = Kernel.create("lab", 1, Instant.parse("2008-03-01T00:00:00Z"));
    private final StorageArray san = StorageProviders.find(getClass().getClassLoader(), "sim")
            .createArray(ArraySpec.of("SAN-DR", "DR", "DR-01", 1L << 40), new LabStorageContext(kernel, "SAN-DR"));
    private final PhysicalDiskType disks = new PhysicalDiskType(StorageFabric.of(List.of(san)), List.of());
    private final FailoverCluster cluster = new FailoverCluster("DRCLUSTER", kernel,
            ResourceTypeRegistry.of(disks, new GenericServiceType()), ClusterVersion.WINDOWS_2003);

    PhysicalDiskTypeTest() {
        for (String node : List.of("NODE3", "NODE4")) {
            san.addHost(new HostSpec(node, List.of("iqn.2008-03.com.contoso:" + node.toLowerCase())));
            cluster.addNode(node);
        }
        san.createLun(LunSpec.of("EXCH-DB", 1L << 30));
        san.present("EXCH-DB", "NODE3");
        san.present("EXCH-DB", "NODE4");
        cluster.createGroup("Exchange-DR");
        cluster.createResource("Exchange-DR", "Disk F:", PhysicalDiskType.NAME);
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.ARRAY, "SAN-DR");
        cluster.setPrivateProperty("Disk F:", PhysicalDiskType.LUN, "EXCH-DB");
        cluster.createResource("Exchange-DR", "Exchange Information Store Instance", GenericServiceType.NAME);
        cluster.addDependency("Exchange Information Store Instance", "Disk F:");
    }

    private <T> T await(Operation<T> operation) {
        return kernel.operations().await(operation);
    }

    private boolean everOnline(String resource) {
        return kernel.journal().entries().stream().anyMatch(e -> e.type() == JournalEntry.Type.STATE_CHANGE
                && e.name().equals("resource.state") && resource.equals(e.attribute("resource"))
                && "Online".equals(e.attribute("to")));
    }

    @Test
    void diskOnAPresentedReadWriteLunComesOnlineAndIsReservedByItsNode() {
        await(cluster.onlineGroup("Exchange-DR"));
        assertThat(cluster.resource("Disk F:").state()).isEqualTo(ResourceState.ONLINE);
        assertThat(cluster.resource("Exchange Information Store Instance").state()).isEqualTo(ResourceState.ONLINE);
        String owner = cluster.group("Exchange-DR").ownerNode().orElseThrow();
        assertThat(disks.reservedBy("SAN-DR", "EXCH-DB")).contains(owner);
    }

    @Test
    void diskOnAReadOnlyLunFailsNamingTheLunAndDependentsNeverComeOnline() {
        cluster.setResourcePolicy("Disk F:", new ResourcePolicy(RestartAction.DONT_RESTART,
                ResourcePolicy.DEFAULT.restartThreshold(), ResourcePolicy.DEFAULT.restartPeriod(),
                ResourcePolicy.DEFAULT.pendingTimeout(), ResourcePolicy.DEFAULT.looksAliveInterval(),
                ResourcePolicy.DEFAULT.isAliveInterval()));
        san.setAccessState("EXCH-DB", AccessState.READ_ONLY);
        assertThatThrownBy(() -> await(cluster.onlineGroup("Exchange-DR")))
                .isInstanceOf(ExhaException.class)
                .hasMessageContaining("Physical Disk 'Disk F:'")
                .hasMessageContaining("LUN 'EXCH-DB' on array 'SAN-DR' is read-only");
        kernel.scheduler().runFor(Duration.ofMinutes(30));
        assertThat(cluster.resource("Disk F:").state()).isEqualTo(ResourceState.FAILED);
        assertThat(everOnline("Exchange Information Store Instance")).isFalse();
        assertThat(kernel.journal().entries()).anyMatch(e -> "1069".equals(e.attribute("eventId"))
                && e.attribute("reason").contains("read-only"));
    }

    @Test
    void diskNotPresentedToTheNodeFails() {
        san.unpresent("EXCH-DB", "NODE3");
        san.unpresent("EXCH-DB", "NODE4");
        assertThatThrownBy(() -> await(cluster.onlineGroup("Exchange-DR")))
                .hasMessageContaining("is not presented to NODE");
        assertThat(everOnline("Exchange Information Store Instance")).isFalse();
    }

    @Test
    void aLunMadeReadOnlyWhileOnlineIsNoticedByLooksAlive() {
        await(cluster.onlineGroup("Exchange-DR"));
        Instant before = kernel.clock().instant();
        san.setAccessState("EXCH-DB", AccessState.READ_ONLY);
        kernel.scheduler().runFor(Duration.ofSeconds(5));
        assertThat(kernel.journal().entries()).anyMatch(e -> "1069".equals(e.attribute("eventId"))
                && !e.time().isBefore(before) && !e.time().isAfter(before.plusSeconds(5)));
        assertThat(everOnline("Exchange Information Store Instance")).isTrue();
        assertThat(cluster.resource("Exchange Information Store Instance").state()).isNotEqualTo(ResourceState.ONLINE);
    }

    @Test
    void aLunReservedByAnotherNodeCannotBeBroughtOnline() {
        await(cluster.onlineGroup("Exchange-DR"));
        String owner = cluster.group("Exchange-DR").ownerNode().orElseThrow();
        String other = owner.equals("NODE3") ? "NODE4" : "NODE3";
        cluster.createGroup("Rogue");
        cluster.createResource("Rogue", "Same disk", PhysicalDiskType.NAME);
        cluster.setPrivateProperty("Same disk", PhysicalDiskType.ARRAY, "SAN-DR");
        cluster.setPrivateProperty("Same disk", PhysicalDiskType.LUN, "EXCH-DB");
        cluster.setPossibleOwners("Same disk", List.of(other));
        await(cluster.moveGroup("Rogue", other));
        assertThatThrownBy(() -> await(cluster.onlineGroup("Rogue"))).hasMessageContaining("is reserved by " + owner);
        assertThat(disks.reservedBy("SAN-DR", "EXCH-DB")).contains(owner);
    }

    @Test
    void movingTheGroupMovesTheReservation() {
        await(cluster.onlineGroup("Exchange-DR"));
        String owner = cluster.group("Exchange-DR").ownerNode().orElseThrow();
        String other = owner.equals("NODE3") ? "NODE4" : "NODE3";
        await(cluster.moveGroup("Exchange-DR", other));
        assertThat(disks.reservedBy("SAN-DR", "EXCH-DB")).contains(other);
        assertThat(cluster.resource("Disk F:").state()).isEqualTo(ResourceState.ONLINE);
    }
}
