package io.github.exha.cluster.validation;

import static io.github.exha.cluster.validation.ValidationLab.nic;
import static io.github.exha.cluster.validation.ValidationLab.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.HostConfiguration;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.OperatingSystem;
import io.github.exha.cluster.host.WindowsEdition;
import io.github.exha.cluster.host.WindowsVersion;
import io.github.exha.cluster.host.Architecture;
import io.github.exha.cluster.network.HostConnectivity;
import io.github.exha.cluster.storage.StorageFabric;
import io.github.exha.core.error.ExhaException;
import io.github.exha.core.kernel.Kernel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ClusterValidationTest {
    private static final ValidationSelection WITHOUT_STORAGE = ValidationSelection.parse(List.of(), List.of("Storage"));

    private static TestReport test(ValidationReport report, ValidationTest test) {
        return report.test(test).orElseThrow(() -> new AssertionError(test + " did not run"));
    }

    private static void assertOnlyProblem(ValidationReport report, ValidationTest test, TestResult result,
            String... reasons) {
        assertThat(report.problems()).as(report.render()).extracting(TestReport::test).containsExactly(test);
        TestReport found = test(report, test);
        assertThat(found.result()).isEqualTo(result);
        assertThat(String.join("\n", found.messages())).contains(reasons);
    }

    @Nested
    class Seed004 {
        @Test
        void twoNodeWindows2008CcrPairPassesWithStorageUnchecked() {
            ValidationReport report = ValidationLab.ccrPair().build().validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertThat(report.problems()).as(report.render()).isEmpty();
            assertThat(report.verdict()).isEqualTo(ValidationVerdict.PASSED);
            assertThat(report.tests()).extracting(TestReport::category).doesNotContain(ValidationCategory.STORAGE)
                    .contains(ValidationCategory.INVENTORY, ValidationCategory.NETWORK,
                            ValidationCategory.SYSTEM_CONFIGURATION);
            ValidationSummary summary = report.summary();
            assertThat(summary.passed()).isEqualTo(report.tests().size()).isEqualTo(18);
            assertThat(summary.message()).startsWith("Testing has completed for the tests you selected.");
            assertThat(report.nodes()).containsExactly("NODE1", "NODE2");
            assertThat(report.started()).isEqualTo(Instant.parse("2008-03-01T08:00:00Z"));
        }

        @Test
        void theSamePairFailsTheStorageTestsBecauseCcrHasNoSharedDisk() {
            ValidationReport report = ValidationLab.ccrPair().build().validate("NODE1", "NODE2");

            assertThat(report.verdict()).isEqualTo(ValidationVerdict.FAILED);
            assertThat(test(report, ValidationTest.LIST_POTENTIAL_CLUSTER_DISKS).result()).isEqualTo(TestResult.FAILED);
            assertThat(test(report, ValidationTest.LIST_POTENTIAL_CLUSTER_DISKS).messages()).first().asString()
                    .startsWith("No disks were found on which to perform cluster validation tests")
                    .contains("CCR cluster, skips the Storage tests");
            assertThat(test(report, ValidationTest.VALIDATE_DISK_FAILOVER).result()).isEqualTo(TestResult.CANCELLED);
            assertThat(report.summary().message()).contains("not suitable for clustering");
        }

        @Test
        void aPassingRunOfEveryTestSaysTheConfigurationIsSuitable() {
            ValidationReport report = ValidationLab.ccrPair().lun("QUORUM", "READ_WRITE", "NODE1", "NODE2").build()
                    .validate("NODE1", "NODE2");

            assertThat(report.problems()).as(report.render()).isEmpty();
            assertThat(report.summary().message()).isEqualTo("Testing has completed successfully. The configuration"
                    + " appears to be suitable for clustering.");
        }
    }

    @Nested
    class SystemConfiguration {
        @Test
        void mismatchedServicePacksFailValidateServicePackLevels() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).servicePack(2)).build()
                    .validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_SERVICE_PACK_LEVELS, TestResult.FAILED,
                    "NODE1 Service Pack 1; NODE2 Service Pack 2", "Every node must have the same service pack");
        }

        @Test
        void mismatchedArchitecturesFailValidateSameProcessorArchitecture() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).architecture("X86")).build()
                    .validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_SAME_PROCESSOR_ARCHITECTURE, TestResult.FAILED,
                    "NODE1 x64; NODE2 x86");
        }

        @Test
        void nodesInDifferentDomainsFailValidateActiveDirectoryConfiguration() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).domain("fabrikam.com")).build()
                    .validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_ACTIVE_DIRECTORY_CONFIGURATION, TestResult.FAILED,
                    "NODE1 in contoso.com; NODE2 in fabrikam.com", "same Active Directory domain");
        }

        @Test
        void aWorkgroupNodeFailsValidateActiveDirectoryConfiguration() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).workgroup("LAB")).build()
                    .validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_ACTIVE_DIRECTORY_CONFIGURATION, TestResult.FAILED,
                    "NODE2 is not a member of a domain (it is in workgroup LAB)");
        }

        @Test
        void aNodeWithoutFailoverClusteringFailsRequiredServicesAndFirewall() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).withoutFeatures()).build()
                    .validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertThat(report.problems()).extracting(TestReport::test).containsExactly(
                    ValidationTest.VALIDATE_WINDOWS_FIREWALL_CONFIGURATION, ValidationTest.VALIDATE_REQUIRED_SERVICES);
            assertThat(test(report, ValidationTest.VALIDATE_REQUIRED_SERVICES).messages()).last().asString()
                    .contains("The Cluster service is not installed on NODE2", "ServerManagerCmd -i Failover-Clustering");
            assertThat(test(report, ValidationTest.LIST_SERVICES_INFORMATION).messages())
                    .contains("NODE2: Cluster service (ClusSvc) not installed.");
        }

        @Test
        void mismatchedHotfixesWarnInValidateSoftwareUpdateLevels() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).hotfixes("KB950050", "KB951308"))
                    .build().validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_SOFTWARE_UPDATE_LEVELS, TestResult.WARNING,
                    "NODE1 is missing software updates that other nodes have: KB951308");
            assertThat(report.verdict()).isEqualTo(ValidationVerdict.PASSED_WITH_WARNINGS);
        }

        @Test
        void standardEditionFailsValidateOperatingSystemVersions() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).edition("STANDARD").withoutFeatures())
                    .build().validate(ValidationSelection.categories(ValidationCategory.SYSTEM_CONFIGURATION),
                            "NODE1", "NODE2");

            assertThat(test(report, ValidationTest.VALIDATE_OPERATING_SYSTEM_VERSIONS).result())
                    .isEqualTo(TestResult.FAILED);
            assertThat(test(report, ValidationTest.VALIDATE_OPERATING_SYSTEM_VERSIONS).messages())
                    .anySatisfy(m -> assertThat(m).contains("needs the Enterprise or Datacenter edition"));
        }

        @Test
        void windows2003NodesFailInventoryAndSystemConfigurationPointingToClusPrep() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).os("WINDOWS_SERVER_2003", 2)).build()
                    .validate("NODE1", "NODE2");

            for (TestReport test : report.tests()) {
                switch (test.category()) {
                    case INVENTORY, SYSTEM_CONFIGURATION -> {
                        assertThat(test.result()).as(test.name()).isEqualTo(TestResult.FAILED);
                        assertThat(test.messages()).as(test.name()).anySatisfy(m -> assertThat(m)
                                .contains("NODE2 runs Windows Server 2003", "ClusPrep"));
                    }
                    case NETWORK, STORAGE -> {
                        assertThat(test.result()).as(test.name()).isEqualTo(TestResult.CANCELLED);
                        assertThat(test.messages()).containsExactly("Canceled: NODE2 runs Windows Server 2003, which"
                                + " these tests do not support (use ClusPrep).");
                    }
                }
            }
            assertThat(test(report, ValidationTest.VALIDATE_OPERATING_SYSTEM_VERSIONS).messages())
                    .anySatisfy(m -> assertThat(m).contains("NODE1 Windows Server 2008; NODE2 Windows Server 2003"));
        }
    }

    @Nested
    class Reachability {
        @Test
        void aPoweredOffNodeFailsInventoryAndNetworkCommunicationAndCancelsTheRest() {
            ValidationLab.Built lab = ValidationLab.ccrPair().build();
            lab.lab().await(lab.host("NODE2").powerOff());

            ValidationReport report = lab.validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            TestReport os = test(report, ValidationTest.LIST_OPERATING_SYSTEM_INFORMATION);
            assertThat(os.result()).isEqualTo(TestResult.FAILED);
            assertThat(os.messages()).first().asString().isEqualTo("Failed to connect to NODE2: The RPC server is"
                    + " unavailable (1722). NODE2 is powered off; start it and validate again.");
            assertThat(os.messages()).anySatisfy(m -> assertThat(m).startsWith("NODE1 (NODE1.contoso.com)"));
            assertThat(test(report, ValidationTest.VALIDATE_NETWORK_COMMUNICATION).result()).isEqualTo(TestResult.FAILED);
            assertThat(test(report, ValidationTest.VALIDATE_IP_CONFIGURATION).messages())
                    .containsExactly("Canceled: NODE2 could not be reached.");
            assertThat(report.tests()).filteredOn(t -> t.category() == ValidationCategory.SYSTEM_CONFIGURATION)
                    .extracting(TestReport::result).containsOnly(TestResult.CANCELLED);
            assertThat(report.verdict()).isEqualTo(ValidationVerdict.FAILED);
        }

        @Test
        void aCrashedNodeIsNamedAsCrashed() {
            ValidationLab.Built lab = ValidationLab.ccrPair().build();
            lab.host("NODE1").crash();

            ValidationReport report = lab.validate(ValidationSelection.categories(ValidationCategory.INVENTORY),
                    "NODE1", "NODE2");

            assertThat(report.tests()).extracting(TestReport::result).containsOnly(TestResult.FAILED);
            assertThat(test(report, ValidationTest.LIST_BIOS_INFORMATION).messages()).first().asString()
                    .contains("NODE1 is down (it crashed)");
        }
    }

    @Nested
    class Network {
        @Test
        void nodesWithOneNetworkWarnOfASinglePointOfFailure() {
            ValidationReport report = ValidationLab.ccrPair()
                    .set(node("NODE1", 1).nics(nic("Public", "Public", "192.168.10.11")))
                    .set(node("NODE2", 2).nics(nic("Public", "Public", "192.168.10.12")))
                    .build().validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_NETWORK_COMMUNICATION, TestResult.WARNING,
                    "Node NODE1 is reachable from node NODE2 by only one pair of network interfaces",
                    "single point of failure");
            assertThat(report.summary().message()).isEqualTo("Testing has completed for the tests you selected. You"
                    + " should review the warnings in the Report. A cluster solution is supported by Microsoft only if"
                    + " it passes all cluster validation tests.");
        }

        @Test
        void aCutHeartbeatNetworkLeavesOnePathAndWarns() {
            ValidationLab.Built lab = ValidationLab.ccrPair().build();
            lab.clusters().connectivity().cut("Private");

            ValidationReport report = lab.validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_NETWORK_COMMUNICATION, TestResult.WARNING,
                    "(network 'Public')");
        }

        @Test
        void nodesThatShareNoNetworkFail() {
            ValidationReport report = ValidationLab.ccrPair()
                    .set(node("NODE2", 2).nics(nic("Public", "Recovery", "192.168.20.12")))
                    .build().validate(ValidationSelection.categories(ValidationCategory.NETWORK), "NODE1", "NODE2");

            TestReport communication = test(report, ValidationTest.VALIDATE_NETWORK_COMMUNICATION);
            assertThat(communication.result()).isEqualTo(TestResult.FAILED);
            assertThat(communication.messages()).singleElement().asString().contains("Node NODE1 cannot reach node NODE2"
                    + " on any network: they share no network (NODE1 is on Private, Public; NODE2 is on Recovery)");
            assertThat(test(report, ValidationTest.VALIDATE_CLUSTER_NETWORK_CONFIGURATION).result())
                    .isEqualTo(TestResult.WARNING);
        }

        @Test
        void adaptersOfOneNetworkOnDifferentSubnetsWarnInValidateIpConfiguration() {
            ValidationReport report = ValidationLab.ccrPair()
                    .set(node("NODE2", 2).nics(nic("Public", "Public", "192.168.11.12"),
                            nic("Heartbeat", "Private", "10.0.0.12")))
                    .build().validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_IP_CONFIGURATION, TestResult.WARNING,
                    "The adapters on network 'Public' are on different subnets: NODE1 192.168.10.0/24; NODE2"
                            + " 192.168.11.0/24");
        }

        @Test
        void duplicateAddressesFailValidateIpConfiguration() {
            // A topology refuses duplicate addresses, so build the hosts by hand: one misconfigured server.
            Kernel kernel = Kernel.create("dup", 1, Instant.parse("2008-03-01T08:00:00Z"));
            StorageFabric fabric = new StorageFabric();
            OperatingSystem os = new OperatingSystem(WindowsVersion.WINDOWS_SERVER_2008, WindowsEdition.ENTERPRISE, 1,
                    Architecture.X64);
            List<Host> hosts = new ArrayList<>();
            for (String name : List.of("NODE1", "NODE2")) {
                hosts.add(new Host(new HostConfiguration(name, "P", "contoso.com", null, os,
                        List.of("Failover-Clustering"), List.of(), List.of(),
                        List.of(new Nic("Public", "Public", "192.168.10.11", 24),
                                new Nic("Heartbeat", "Private", "10.0.0.1" + name.charAt(4), 24))), fabric, kernel));
            }
            ValidationTarget target = new ValidationTarget(hosts, fabric, new HostConnectivity(kernel, hosts),
                    Optional.empty(), List.of());

            ValidationReport report = new ClusterValidation(kernel.clock()).validate(target, WITHOUT_STORAGE);

            assertOnlyProblem(report, ValidationTest.VALIDATE_IP_CONFIGURATION, TestResult.FAILED,
                    "IP address 192.168.10.11 is configured on more than one node: NODE1 (Public) and NODE2 (Public)");
        }
    }

    @Nested
    class Storage {
        private final ValidationSelection storage = ValidationSelection.categories(ValidationCategory.STORAGE);

        @Test
        void aLunPresentedToBothNodesPassesTheStorageTests() {
            ValidationReport report = ValidationLab.ccrPair().lun("EXCH-DB", "READ_WRITE", "NODE1", "NODE2").build()
                    .validate(storage, "NODE1", "NODE2");

            assertThat(report.problems()).as(report.render()).isEmpty();
            assertThat(report.tests()).hasSize(6);
            assertThat(test(report, ValidationTest.LIST_POTENTIAL_CLUSTER_DISKS).messages()).containsExactly(
                    "SAN-MAIN:EXCH-DB (100 GB, read-write) is seen by every node: NODE1 Disk 1, NODE2 Disk 1.");
            assertThat(test(report, ValidationTest.LIST_ALL_DISKS).messages())
                    .contains("NODE2: Disk 1 = SAN-MAIN:EXCH-DB, 100 GB, read-write.");
        }

        @Test
        void aLunPresentedToOneNodeFailsListPotentialClusterDisksAndCancelsTheDiskTests() {
            ValidationReport report = ValidationLab.ccrPair().lun("EXCH-DB", "READ_WRITE", "NODE1").build()
                    .validate(storage, "NODE1", "NODE2");

            TestReport potential = test(report, ValidationTest.LIST_POTENTIAL_CLUSTER_DISKS);
            assertThat(potential.result()).isEqualTo(TestResult.FAILED);
            assertThat(potential.messages()).contains("LUN SAN-MAIN:EXCH-DB is presented to NODE1 only, not to NODE2:"
                    + " a disk not every node sees cannot be a cluster disk. Present it to every node (LUN masking) if"
                    + " the cluster should use it.");
            assertThat(report.tests()).filteredOn(t -> t.name().startsWith("Validate")).extracting(TestReport::result)
                    .hasSize(4).containsOnly(TestResult.CANCELLED);
        }

        @Test
        void aLunPresentedToOneNodeNextToASharedOneOnlyWarns() {
            ValidationReport report = ValidationLab.ccrPair().lun("EXCH-DB", "READ_WRITE", "NODE1", "NODE2")
                    .lun("BACKUP", "READ_WRITE", "NODE2").build().validate(storage, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.LIST_POTENTIAL_CLUSTER_DISKS, TestResult.WARNING,
                    "LUN SAN-MAIN:BACKUP is presented to NODE2 only, not to NODE1");
        }

        @Test
        void aReadOnlyLunFailsDiskFailoverAsWriteProtected() {
            ValidationReport report = ValidationLab.ccrPair().lun("EXCH-DB", "READ_ONLY", "NODE1", "NODE2").build()
                    .validate(storage, "NODE1", "NODE2");

            assertOnlyProblem(report, ValidationTest.VALIDATE_DISK_FAILOVER, TestResult.FAILED,
                    "The media is write protected (19)", "READ_ONLY");
        }

        @Test
        void aNotReadyLunFailsEveryDiskTest() {
            ValidationReport report = ValidationLab.ccrPair().lun("EXCH-DB", "NOT_READY", "NODE1", "NODE2").build()
                    .validate(storage, "NODE1", "NODE2");

            assertThat(report.tests()).filteredOn(t -> t.name().startsWith("Validate")).extracting(TestReport::result)
                    .containsOnly(TestResult.FAILED);
            assertThat(test(report, ValidationTest.VALIDATE_DISK_ACCESS_LATENCY).messages()).singleElement().asString()
                    .contains("The device is not ready (21)");
        }
    }

    @Nested
    class Targets {
        @Test
        void anExistingClusterIsValidatedWithItsNodesAndNetworks() {
            ValidationLab.Built lab = ValidationLab.ccrPair().cluster("CCRCLUSTER", "NODE1", "NODE2").build();
            ValidationTarget target = ValidationTarget.of(lab.datacenter(), lab.clusters(), List.of(), "ccrcluster");

            ValidationReport report = new ClusterValidation(lab.lab().clock()).validate(target, WITHOUT_STORAGE);

            assertThat(report.cluster()).contains("CCRCLUSTER");
            assertThat(report.nodes()).containsExactly("NODE1", "NODE2");
            assertThat(report.problems()).as(report.render()).isEmpty();
            assertThat(test(report, ValidationTest.VALIDATE_CLUSTER_NETWORK_CONFIGURATION).messages())
                    .contains("Cluster network 'Private' of CCRCLUSTER: cluster communication only.");
        }

        @Test
        void aServerToAddToAClusterMustBeOnItsNetworks() {
            ValidationLab.Built lab = ValidationLab.ccrPair().cluster("CCRCLUSTER", "NODE1", "NODE2")
                    .add(node("NODE3", 3).nics(nic("Public", "Public", "192.168.10.13"))).build();
            ValidationTarget target = ValidationTarget.of(lab.datacenter(), lab.clusters(), List.of("node3.contoso.com",
                    "NODE1"), "CCRCLUSTER");

            ValidationReport report = new ClusterValidation(lab.lab().clock()).validate(target,
                    ValidationSelection.parse(List.of("Validate Cluster Network Configuration"), List.of()));

            assertThat(report.nodes()).containsExactly("NODE1", "NODE2", "NODE3");
            assertThat(test(report, ValidationTest.VALIDATE_CLUSTER_NETWORK_CONFIGURATION).messages())
                    .contains("NODE3 has no network adapter on cluster network 'Private' of CCRCLUSTER: connect it to"
                            + " that network.");
        }

        @Test
        void moreThanSixteenNodesAreRefused() {
            ValidationLab lab = new ValidationLab();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= 17; i++) {
                lab.add(node("N" + i, i));
                names.add("N" + i);
            }
            ValidationLab.Built built = lab.build();

            ExhaException e = catchThrowableOfType(ExhaException.class,
                    () -> built.validate(names.toArray(String[]::new)));

            assertThat(e.code()).isEqualTo(ValidationErrorCode.TOO_MANY_NODES);
            assertThat(e.getMessage()).contains("at most 16 nodes, but 17 servers were named");
        }

        @Test
        void unknownNodesAndClustersAreRefusedWithTheNearestNames() {
            ValidationLab.Built lab = ValidationLab.ccrPair().cluster("CCRCLUSTER", "NODE1", "NODE2").build();

            ExhaException node = catchThrowableOfType(ExhaException.class, () -> ValidationTarget.of(lab.datacenter(),
                    lab.clusters(), List.of("NODE1", "NOED2"), null));
            ExhaException cluster = catchThrowableOfType(ExhaException.class, () -> ValidationTarget.of(
                    lab.datacenter(), lab.clusters(), List.of(), "CCRCLUSTR"));

            assertThat(node.code()).isEqualTo(ValidationErrorCode.UNKNOWN_NODE);
            assertThat(node.getMessage()).contains("'NOED2'", "Did you mean NODE2?");
            assertThat(cluster.code()).isEqualTo(ValidationErrorCode.UNKNOWN_CLUSTER);
            assertThat(cluster.getMessage()).contains("Did you mean CCRCLUSTER?");
        }
    }

    @Nested
    class Report {
        @Test
        void plainTextNamesEveryTestWithItsResultAndTheVerdict() {
            ValidationReport report = ValidationLab.ccrPair().set(node("NODE2", 2).servicePack(2)).build()
                    .validate(WITHOUT_STORAGE, "NODE1", "NODE2");

            String text = report.render();

            assertThat(text).startsWith("Failover Cluster Validation Report\n")
                    .contains("Nodes:    NODE1, NODE2\n", "Started:  2008-03-01 08:00:00 UTC (virtual time)",
                            "Tests:    Inventory, Network, System Configuration (only the tests selected; not run:"
                                    + " Storage)",
                            "Summary: failed (17 Success, 0 Warning, 1 Failed, 0 Canceled)\n",
                            "\nSystem Configuration\n", "  Validate Service Pack Levels: Failed\n",
                            "      The nodes do not all have the same service pack")
                    .doesNotContain("List All Disks");
            assertThat(report.fileName()).isEqualTo("Validation Report 2008.03.01 At 08.00.00.mht");
            for (ValidationTest test : ValidationTest.values()) {
                assertThat(text.contains(test.displayName())).as(test.displayName())
                        .isEqualTo(test.category() != ValidationCategory.STORAGE);
            }
        }
    }
}
