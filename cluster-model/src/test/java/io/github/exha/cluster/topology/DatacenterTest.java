package io.github.exha.cluster.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.cluster.error.ClusterErrorCode;
import io.github.exha.cluster.ClusterModule;
import io.github.exha.cluster.host.Disk;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.host.WindowsVersion;
import io.github.exha.core.Lab;
import io.github.exha.core.LabSpec;
import io.github.exha.core.TopologySource;
import io.github.exha.core.command.HostDirectory;
import io.github.exha.core.error.CoreErrorCode;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import io.github.exha.core.topology.Topology;
import io.github.exha.core.topology.TopologyLoader;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.StorageArray;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DatacenterTest {
    private static final TopologyLoader LOADER = new TopologyLoader(Set.of(new StorageSection(), new HostsSection()));

    private static Path example() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(DatacenterTest.class.getResource("/topologies/two-site-scc.yaml")).toURI());
    }

    private static Datacenter build(Topology topology, Kernel kernel) {
        return Datacenter.build(topology, kernel, DatacenterTest.class.getClassLoader());
    }

    private static Kernel kernel(Topology topology) {
        return Kernel.create(topology.name(), topology.seed(), topology.start());
    }

    private static ExhaException loadFailure(String yaml) {
        return catchThrowableOfType(ExhaException.class, () -> LOADER.parse("t.yaml", yaml));
    }

    private static ExhaException buildFailure(String yaml) {
        Topology topology = LOADER.parse("t.yaml", yaml);
        return catchThrowableOfType(ExhaException.class, () -> build(topology, kernel(topology)));
    }

    private static void assertLoadFails(String yaml, CoreErrorCode code, String position, String... parts) {
        ExhaException e = loadFailure(yaml);
        assertThat(e).as("expected %s for:%n%s", code, yaml).isNotNull();
        assertThat(e.code()).as(e.describe()).isEqualTo(code);
        assertThat(e.position()).as(e.describe()).hasValueSatisfying(p -> assertThat(p.toString()).isEqualTo("t.yaml:" + position));
        for (String part : parts) {
            assertThat(e.getMessage()).contains(part);
        }
    }

    private static void assertBuildFails(String yaml, String... parts) {
        ExhaException e = buildFailure(yaml);
        assertThat(e).as("expected a build error for:%n%s", yaml).isNotNull();
        assertThat(e.code()).as(e.getMessage()).isEqualTo(CoreErrorCode.TOPOLOGY_INVALID_VALUE);
        assertThat(e.getMessage()).contains("t.yaml");
        for (String part : parts) {
            assertThat(e.getMessage()).contains(part);
        }
    }

    private static final String OS = "    os: { version: WINDOWS_SERVER_2003, edition: ENTERPRISE, servicePack: 2, architecture: X64 }\n";

    private static String storage(String luns) {
        return "name: t\nstorage:\n  arrays:\n    - name: SAN-MAIN\n      vendor: sim\n      site: P\n      capacity: 1TB\n"
                + "      luns:\n" + luns;
    }

    private static String host(String name, String extra) {
        return "  - name: " + name + "\n    site: P\n" + OS + extra;
    }

    @Nested
    class Example {
        @Test
        void twoSiteExampleLoadsAndBuildsArraysLinksHostsAndVolumes() throws Exception {
            Topology topology = LOADER.load(example());
            Kernel kernel = kernel(topology);
            Datacenter world = build(topology, kernel);

            assertThat(world.arrays()).extracting(StorageArray::name).containsExactly("SAN-DR", "SAN-MAIN");
            assertThat(world.array("SAN-MAIN").capacityBytes()).isEqualTo(4L << 40);
            assertThat(world.array("SAN-DR").lun("EXCH-LOG").accessState()).isEqualTo(AccessState.READ_ONLY);
            assertThat(world.links()).singleElement().satisfies(link -> {
                assertThat(link.spec().latency()).isEqualTo(Duration.ofMillis(5));
                assertThat(link.spec().bandwidthBytesPerSecond()).isEqualTo(100L << 20);
            });
            assertThat(world.hostNames()).containsExactly("NODE1", "NODE2", "DRNODE1", "HUB1");

            Host node1 = world.host("node1.CONTOSO.com");
            assertThat(node1.os().version()).isEqualTo(WindowsVersion.WINDOWS_SERVER_2003);
            assertThat(node1.hotfixes()).containsExactly("KB921181");
            assertThat(node1.disks()).extracting(Disk::displayName).containsExactly("Disk 1", "Disk 2", "Disk 3");
            assertThat(node1.volumes()).containsOnlyKeys(DriveLetter.SYSTEM, new DriveLetter('F'), new DriveLetter('G'));
            assertThat(node1.volume("F:").label()).isEqualTo("EXCHDB");
            assertThat(node1.resolve("g:\\Logs").volume().label()).isEqualTo("EXCHLOG");

            Host node2 = world.host("NODE2");
            assertThat(node2.disks()).hasSize(3);
            assertThat(node2.volumes()).containsOnlyKeys(DriveLetter.SYSTEM);
            assertThat(world.host("DRNODE1").disks()).extracting(Disk::lun)
                    .containsExactly(new LunRef("SAN-DR", "EXCH-DB"), new LunRef("SAN-DR", "EXCH-LOG"));
            assertThat(world.host("HUB1").features()).contains(ServerFeature.WEB_LGCY_MGMT_CONSOLE);
            assertThat(world.host("HUB1").initiators()).isEmpty();
        }

        @Test
        void volumesOfTheExampleComeBackAfterACrash() throws Exception {
            Topology topology = LOADER.load(example());
            Kernel kernel = kernel(topology);
            Host node1 = build(topology, kernel).host("NODE1");
            node1.volume("F:").createDirectory("\\DB");

            node1.crash();
            kernel.operations().await(node1.powerOn());

            assertThat(node1.powerState()).isEqualTo(PowerState.ON);
            assertThat(node1.volume("F:").isDirectory("\\DB")).isTrue();
        }

        @Test
        void labWithClusterModuleProvidesTheDatacenterAndAnAuthoritativeHostDirectory() throws Exception {
            Lab lab = Lab.create(LabSpec.of(TopologySource.file(example())), new ClusterModule());

            Datacenter world = lab.instance(Datacenter.class);
            assertThat(world).isSameAs(lab.instance(Datacenter.class));
            HostDirectory directory = lab.instance(HostDirectory.class);
            assertThat(directory.isAuthoritative()).isTrue();
            assertThat(directory.resolve("node2")).contains("NODE2");
            assertThat(directory.resolve("NODE9")).isEmpty();
            assertThat(directory.names()).containsExactly("NODE1", "NODE2", "DRNODE1", "HUB1");
        }

        @Test
        void labWithoutHostsKeepsAPermissiveDirectory() {
            Lab lab = Lab.create(LabSpec.of(TopologySource.text("t.yaml", "name: bare\n")), new ClusterModule());
            HostDirectory directory = lab.instance(HostDirectory.class);
            assertThat(directory.isAuthoritative()).isFalse();
            assertThat(directory.resolve("ANY")).contains("ANY");
            assertThat(lab.instance(Datacenter.class).hosts()).isEmpty();
        }

        @Test
        void sameTopologyAndSeedGiveTheSameJournalDigest() throws Exception {
            assertThat(run()).isEqualTo(run());
        }

        private String run() throws Exception {
            Topology topology = LOADER.load(example());
            Kernel kernel = kernel(topology);
            Datacenter world = build(topology, kernel);
            Host node1 = world.host("NODE1");
            node1.volume("F:").createDirectory("\\DB");
            kernel.operations().await(node1.reboot());
            world.host("DRNODE1").crash();
            kernel.operations().await(world.host("DRNODE1").powerOn());
            return kernel.journal().digest();
        }
    }

    @Nested
    class ValuesInTheFile {
        @Test
        void sizesAndDurationsReadUnitsAndTimeSpans() {
            assertThat(ByteSize.parse("200GB").bytes()).isEqualTo(200L << 30);
            assertThat(ByteSize.parse("1.5 tb").bytes()).isEqualTo(3L << 39);
            assertThat(ByteSize.parse("4096").bytes()).isEqualTo(4096);
            assertThat(ByteSize.parse("1536MB")).hasToString("1536MB");
            assertThat(TimeInterval.parse("PT0.005S").duration()).isEqualTo(Duration.ofMillis(5));
            assertThat(TimeInterval.parse("00:00:00.005").duration()).isEqualTo(Duration.ofMillis(5));
            assertThat(TimeInterval.parse("1.00:00:00").duration()).isEqualTo(Duration.ofDays(1));
        }

        @Test
        void aSizeInBytesMayBeWrittenAsANumber() {
            Topology topology = LOADER.parse("t.yaml", storage("        - { name: A, size: 1048576 }\n"));
            assertThat(topology.section(new StorageSection()).orElseThrow().arrays().get(0).luns().get(0).size().bytes())
                    .isEqualTo(1L << 20);
        }

        @Test
        void badSizeIsPositionedAtTheValue() {
            assertLoadFails(storage("        - { name: A, size: 200 GiB }\n"), CoreErrorCode.TOPOLOGY_INVALID_VALUE, "9:28",
                    "'200 GiB' is not a size");
        }

        @Test
        void badLatencyIsPositioned() {
            assertLoadFails(storage("        - { name: A, size: 1GB }\n")
                            + "    - { name: B, vendor: sim, site: DR, capacity: 1TB }\n"
                            + "  links:\n    - { name: L, between: [SAN-MAIN, B], latency: 5ms, bandwidth: 100MB }\n",
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "12:51", "'5ms' is not a duration");
        }

        @Test
        void lunsLargerThanTheArrayAreRefused() {
            assertLoadFails(storage("        - { name: A, size: 1TB }\n        - { name: B, size: 1GB }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "4:7", "the LUNs of array 'SAN-MAIN' need 1025GB but its capacity is 1TB");
        }

        @Test
        void duplicateLunAndArrayNamesAreRefused() {
            assertLoadFails(storage("        - { name: A, size: 1GB }\n        - { name: a, size: 1GB }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "4:7", "two LUNs named 'a'");
            assertLoadFails(storage("        - { name: A, size: 1GB }\n") + "    - { name: san-main, vendor: sim, site: P, capacity: 1TB }\n",
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "3:3", "two arrays are named 'san-main'");
        }

        @Test
        void linkToAnUnknownArrayIsRefusedWithASuggestion() {
            assertLoadFails(storage("        - { name: A, size: 1GB }\n")
                            + "  links:\n    - { name: L, between: [SAN-MAIN, SAN-MIAN], latency: PT0.005S, bandwidth: 100MB }\n",
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "3:3", "link 'L' names array 'SAN-MIAN'", "Did you mean SAN-MAIN?");
            assertLoadFails(storage("        - { name: A, size: 1GB }\n")
                            + "  links:\n    - { name: L, between: [SAN-MAIN], latency: PT0.005S, bandwidth: 100MB }\n",
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "11:7", "joins two different arrays");
        }

        @Test
        void unknownFeatureIsRefusedAtTheHost() {
            assertLoadFails("name: t\nhosts:\n" + host("NODE1", "    features: [Failover-Clusterng]\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "3:5", "unknown feature 'Failover-Clusterng'",
                    "Did you mean Failover-Clustering?");
        }

        @Test
        void clusteringOnStandardEditionIsRefused() {
            assertLoadFails("name: t\nhosts:\n  - name: N\n    site: P\n"
                            + "    os: { version: WINDOWS_SERVER_2008, edition: STANDARD, servicePack: 1, architecture: X64 }\n"
                            + "    features: [Failover-Clustering]\n",
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "3:5", "'Failover-Clustering' is not available");
        }

        @Test
        void servicePackOutOfRangeIsPositionedAtTheOs() {
            assertLoadFails("name: t\nhosts:\n  - name: N\n    site: P\n"
                            + "    os: { version: WINDOWS_SERVER_2003_R2, edition: ENTERPRISE, servicePack: 3, architecture: X86 }\n",
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "5:9", "servicePack must be between 1 and 2");
        }

        @Test
        void badAddressAndPrefixArePositionedAtTheNic() {
            assertLoadFails("name: t\nhosts:\n" + host("N", "    nics:\n      - { name: Public, network: Public, address: 192.168.10.256, prefix: 24 }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "7:9", "'192.168.10.256' is not an IPv4 address");
            assertLoadFails("name: t\nhosts:\n" + host("N", "    nics:\n      - { name: Public, network: Public, address: 10.0.0.1 }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "7:9", "NIC 'Public' needs a prefix");
            assertLoadFails("name: t\nhosts:\n" + host("N", "    nics:\n      - { name: Public, network: Public, address: 10.0.0.1, prefix: 33 }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "7:9", "prefix must be between 1 and 32, found 33");
        }

        @Test
        void twoHostsWithOneAddressOrOneNameAreRefused() {
            String nic = "    nics:\n      - { name: Public, network: Public, address: 10.0.0.1, prefix: 8 }\n";
            assertLoadFails("name: t\nhosts:\n" + host("N1", nic) + host("N2", nic), CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                    "3:3", "hosts 'N1' and 'N2' both have IP address 10.0.0.1");
            assertLoadFails("name: t\nhosts:\n" + host("N1", "") + host("n1", ""), CoreErrorCode.TOPOLOGY_INVALID_VALUE,
                    "3:3", "two hosts are named 'n1'");
        }

        @Test
        void driveLetterTwiceOrCIsRefused() {
            assertLoadFails("name: t\nhosts:\n" + host("N", "    volumes:\n      - { disk: SAN-MAIN/A, drive: F }\n"
                            + "      - { disk: SAN-MAIN/B, drive: 'f:' }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "3:5", "host 'N' uses drive F: twice");
            assertLoadFails("name: t\nhosts:\n" + host("N", "    volumes:\n      - { disk: SAN-MAIN/A, drive: C }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "7:9", "drive C: is the system volume and taken");
            assertLoadFails("name: t\nhosts:\n" + host("N", "    volumes:\n      - { disk: SAN-MAIN-A, drive: F }\n"),
                    CoreErrorCode.TOPOLOGY_INVALID_VALUE, "7:9", "is not a disk written ARRAY/LUN");
        }

        @Test
        void unknownKeyInAVolumeSuggestsTheNearest() {
            assertLoadFails("name: t\nhosts:\n" + host("N", "    volumes:\n      - { disk: SAN-MAIN/A, drive: F, lable: DB }\n"),
                    CoreErrorCode.TOPOLOGY_UNKNOWN_KEY, "7:39", "(did you mean 'label'?)");
        }
    }

    @Nested
    class CrossReferences {
        @Test
        void lunPresentedToAnUnknownHost() {
            assertBuildFails(storage("        - { name: A, size: 1GB, presentedTo: [NODE1, NODE3] }\n") + "hosts:\n"
                            + host("NODE1", "    initiators: [iqn.x:node1]\n") + host("NODE2", "    initiators: [iqn.x:node2]\n"),
                    "storage.arrays[0].luns[0].presentedTo", "presented to host 'NODE3', which is not in hosts",
                    "Did you mean NODE1 or NODE2?");
        }

        @Test
        void hostWithoutInitiatorsThatLunsArePresentedTo() {
            assertBuildFails(storage("        - { name: A, size: 1GB, presentedTo: [NODE1] }\n") + "hosts:\n" + host("NODE1", ""),
                    "hosts[0].initiators", "host 'NODE1' has no storage initiators, but LUN SAN-MAIN/A is presented to it");
        }

        @Test
        void volumeOnAnUnknownArrayOrLunOrOneNotPresented() {
            String hosts = "hosts:\n" + host("NODE1", "    initiators: [iqn.x:node1]\n    volumes:\n      - { disk: %s, drive: F, format: true }\n");
            assertBuildFails(storage("        - { name: A, size: 1GB }\n") + hosts.formatted("SAN-MIAN/A"),
                    "hosts[0].volumes[0].disk", "names array 'SAN-MIAN'", "Did you mean SAN-MAIN?");
            assertBuildFails(storage("        - { name: A, size: 1GB }\n") + hosts.formatted("SAN-MAIN/B"),
                    "array 'SAN-MAIN' has no LUN named 'B'");
            assertBuildFails(storage("        - { name: A, size: 1GB }\n") + hosts.formatted("SAN-MAIN/A"),
                    "that LUN is not presented to it");
        }

        @Test
        void oneLunMountedByTwoHosts() {
            String volume = "    volumes:\n      - { disk: SAN-MAIN/A, drive: F, format: true }\n";
            assertBuildFails(storage("        - { name: A, size: 1GB, presentedTo: [N1, N2] }\n") + "hosts:\n"
                            + host("N1", "    initiators: [iqn.x:n1]\n" + volume) + host("N2", "    initiators: [iqn.x:n2]\n" + volume),
                    "hosts[1].volumes[0].disk", "mounted by both 'N1' and 'N2'");
        }

        @Test
        void unknownVendor() {
            assertBuildFails(storage("        - { name: A, size: 1GB }\n").replace("vendor: sim", "vendor: emc"),
                    "storage.arrays[0].vendor", "No storage plugin has vendor id 'emc'", "sim");
        }

        @Test
        void mountingWithoutFormatOnANewLunIsUnrecognized() {
            ExhaException e = buildFailure(storage("        - { name: A, size: 1GB, presentedTo: [N1] }\n") + "hosts:\n"
                    + host("N1", "    initiators: [iqn.x:n1]\n    volumes:\n      - { disk: SAN-MAIN/A, drive: F }\n"));
            assertThat(e.code()).isEqualTo(ClusterErrorCode.UNRECOGNIZED_VOLUME);
            assertThat(e.getMessage()).contains("hosts[0].volumes[0]", "mounting SAN-MAIN/A as F: on N1 failed");
        }

        @Test
        void formattingAReadOnlyLunIsWriteProtected() {
            ExhaException e = buildFailure(storage("        - { name: A, size: 1GB, presentedTo: [N1], access: READ_ONLY }\n")
                    + "hosts:\n" + host("N1", "    initiators: [iqn.x:n1]\n    volumes:\n      - { disk: SAN-MAIN/A, drive: F, format: true }\n"));
            assertThat(e.code()).isEqualTo(ClusterErrorCode.WRITE_PROTECTED);
            assertThat(e.nativeCode()).hasValueSatisfying(n -> assertThat(n.number()).isEqualTo(19));
        }
    }
}
