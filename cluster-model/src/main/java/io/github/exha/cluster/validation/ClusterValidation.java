package io.github.exha.cluster.validation;

import io.github.exha.cluster.fs.Volume;
import io.github.exha.cluster.host.Disk;
import io.github.exha.cluster.host.DriveLetter;
import io.github.exha.cluster.host.Host;
import io.github.exha.cluster.host.Nic;
import io.github.exha.cluster.host.PowerState;
import io.github.exha.cluster.host.ServerFeature;
import io.github.exha.cluster.host.WindowsVersion;
import io.github.exha.cluster.membership.ClusterNetwork;
import io.github.exha.core.error.ExhaException;
import io.github.exha.storage.spi.AccessState;
import io.github.exha.storage.spi.LunInfo;
import io.github.exha.storage.spi.LunRef;
import io.github.exha.storage.spi.StorageArray;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs the validation tests of Windows Server 2008's "Validate a Configuration" wizard over a {@link ValidationTarget}
 * and reports each test's result with reasons a user can act on, all derived from the model: the hosts' Windows
 * installations, domains, features, hotfixes, NICs and power, the reachability between them with the network
 * faults in effect, and the LUNs the arrays present to them.
 *
 * <p>Prerequisites, as the wizard has them. A node that is not running cannot be reached: the Inventory tests and
 * Validate Network Communication fail for it, and every other test that needs it is cancelled. A Windows Server 2003
 * node cannot be validated at all (validation arrived with Windows Server 2008; 2003 had the separate ClusPrep tool):
 * the Inventory and System Configuration tests fail for it and the Network and Storage tests are cancelled.
 *
 * <p>CHOICE: validation takes no virtual time and changes nothing in the world (the real Storage tests take the
 * disks offline for a while; here they only read the model). Looking at a node's disks rescans them, as Windows does.
 * CHOICE: the storage SPI has no capability flag for SCSI-3 persistent reservations, so every ready disk passes that
 * test; exha models no firmware or third-party drivers, so the BIOS and driver tests only say so.
 */
public final class ClusterValidation {
    /** The most nodes a Windows Server 2008 failover cluster can have. */
    public static final int MAX_NODES = 16;
    /** The tests that need at least one potential cluster disk. */
    private static final Set<ValidationTest> DISK_TESTS = Set.of(ValidationTest.VALIDATE_DISK_ACCESS_LATENCY,
            ValidationTest.VALIDATE_DISK_ARBITRATION, ValidationTest.VALIDATE_DISK_FAILOVER,
            ValidationTest.VALIDATE_SCSI_3_PERSISTENT_RESERVATION);

    private final InstantSource clock;

    /**
     * A validation engine stamping its reports with {@code clock}'s time.
     *
     * @param clock the lab's virtual clock
     */
    public ClusterValidation(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs the selected tests, in wizard order, on {@code target}.
     *
     * @throws ExhaException {@code NO_NODES} for a target without nodes; {@code TOO_MANY_NODES} for more than
     *     {@value #MAX_NODES}
     */
    public ValidationReport validate(ValidationTarget target, ValidationSelection selection) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(selection, "selection");
        if (target.nodes().isEmpty()) {
            throw new ExhaException(ValidationErrorCode.NO_NODES, "Name at least one server to validate.");
        }
        if (target.nodes().size() > MAX_NODES) {
            throw new ExhaException(ValidationErrorCode.TOO_MANY_NODES, "A Windows Server 2008 failover cluster has at"
                    + " most " + MAX_NODES + " nodes, but " + target.nodes().size() + " servers were named: validate"
                    + " at most " + MAX_NODES + ".");
        }
        Run run = new Run(target);
        List<TestReport> reports = new ArrayList<>();
        for (ValidationTest test : ValidationTest.values()) {
            if (selection.includes(test)) {
                reports.add(run.test(test));
            }
        }
        return new ValidationReport(clock.instant(), target.cluster(), target.nodeNames(), selection, reports);
    }

    /**
     * Whether the validation tests run on (and can validate) a server with {@code version}: they arrived with Windows
     * Server 2008; Windows Server 2003 had the separate Cluster Configuration Validation Tool (ClusPrep).
     */
    public static boolean validates(WindowsVersion version) {
        return switch (version) {
            case WINDOWS_SERVER_2003, WINDOWS_SERVER_2003_R2 -> false;
            case WINDOWS_SERVER_2008 -> true;
        };
    }

    /** One validation: the target, what blocks which node, and the shared disks once looked at. */
    private static final class Run {
        private final ValidationTarget target;
        /** Nodes that are not running, with the reason, by name. */
        private final Map<String, String> unreachable = new LinkedHashMap<>();
        /** Running nodes whose Windows cannot be validated (2003), with the reason, by name. */
        private final Map<String, String> unsupported = new LinkedHashMap<>();
        private List<SharedDisk> shared;

        Run(ValidationTarget target) {
            this.target = target;
            for (Host node : target.nodes()) {
                if (!node.isRunning()) {
                    unreachable.put(node.name(), "Failed to connect to " + node.name() + ": The RPC server is"
                            + " unavailable (1722). " + node.name() + " is " + power(node.powerState())
                            + "; start it and validate again.");
                } else if (!validates(node.os().version())) {
                    unsupported.put(node.name(), node.name() + " runs " + node.os().caption() + ": the validation tests"
                            + " need Windows Server 2008 on every node. For a Windows Server 2003 server cluster, run"
                            + " the separate Cluster Configuration Validation Tool (ClusPrep) instead.");
                }
            }
        }

        TestReport test(ValidationTest test) {
            Findings findings = new Findings(test);
            List<Host> reachable = target.nodes().stream().filter(node -> !unreachable.containsKey(node.name())).toList();
            switch (test.category()) {
                case INVENTORY -> {
                    unreachable.values().forEach(findings::fail);
                    unsupported.values().forEach(findings::fail);
                }
                case SYSTEM_CONFIGURATION -> {
                    if (!unreachable.isEmpty()) {
                        return cancelled(test, unreachable.keySet(), "could not be reached");
                    }
                    unsupported.values().forEach(findings::fail);
                }
                case NETWORK, STORAGE -> {
                    if (!unsupported.isEmpty()) {
                        return cancelled(test, unsupported.keySet(), "runs Windows Server 2003, which these tests do"
                                + " not support (use ClusPrep)");
                    }
                    if (test == ValidationTest.VALIDATE_NETWORK_COMMUNICATION) {
                        unreachable.values().forEach(findings::fail);
                    } else if (!unreachable.isEmpty()) {
                        return cancelled(test, unreachable.keySet(), "could not be reached");
                    }
                }
            }
            if (DISK_TESTS.contains(test) && sharedDisks().isEmpty()) {
                return new TestReport(test, TestResult.CANCELLED, List.of("Canceled: no potential cluster disks were"
                        + " found (see List Potential Cluster Disks)."));
            }
            // Inventory lists only the nodes it could validate; the others already failed above.
            List<Host> nodes = reachable.stream().filter(node -> test.category() != ValidationCategory.INVENTORY
                    || !unsupported.containsKey(node.name())).toList();
            switch (test) {
                case LIST_BIOS_INFORMATION -> nodes.forEach(node -> findings.info(node.name() + ": simulated firmware;"
                        + " exha models no BIOS, so there is nothing to list."));
                case LIST_FIBRE_CHANNEL_HOST_BUS_ADAPTERS -> hostBusAdapters(findings, nodes, false);
                case LIST_ISCSI_HOST_BUS_ADAPTERS -> hostBusAdapters(findings, nodes, true);
                case LIST_OPERATING_SYSTEM_INFORMATION -> nodes.forEach(node -> findings.info(node.name() + " ("
                        + node.fqdn() + "): " + node.os().caption() + "; " + membership(node) + "."));
                case LIST_SERVICES_INFORMATION -> nodes.forEach(node -> findings.info(node.name() + ": Cluster service"
                        + " (ClusSvc) " + (hasClusterService(node) ? "installed" : "not installed") + "."));
                case LIST_SOFTWARE_UPDATES -> nodes.forEach(node -> findings.info(node.name() + ": "
                        + (node.hotfixes().isEmpty() ? "no software updates installed" : String.join(", ", node.hotfixes()))
                        + "."));
                case LIST_SYSTEM_INFORMATION -> nodes.forEach(node -> findings.info(node.name() + ": site "
                        + node.site() + ", " + node.os().architecture().name().toLowerCase(Locale.ROOT) + ", "
                        + count(node.nics().size(), "network adapter") + ", "
                        + count(node.initiators().size(), "storage initiator") + "."));
                case VALIDATE_CLUSTER_NETWORK_CONFIGURATION -> clusterNetworks(findings, nodes);
                case VALIDATE_IP_CONFIGURATION -> ipConfiguration(findings, nodes);
                case VALIDATE_NETWORK_COMMUNICATION -> networkCommunication(findings, nodes);
                case VALIDATE_WINDOWS_FIREWALL_CONFIGURATION -> nodes.forEach(node -> {
                    if (hasClusterService(node)) {
                        findings.info(node.name() + ": the 'Failover Clusters' firewall rules are enabled.");
                    } else {
                        findings.fail(node.name() + ": the Windows Firewall does not let cluster traffic through: the"
                                + " 'Failover Clusters' rules come with the Failover-Clustering feature, which is not"
                                + " installed.");
                    }
                });
                case LIST_ALL_DISKS -> nodes.forEach(node -> {
                    List<Disk> disks = node.disks();
                    if (disks.isEmpty()) {
                        findings.info(node.name() + " sees no SAN disk.");
                    }
                    disks.forEach(disk -> findings.info(node.name() + ": " + disk.displayName() + " = " + disk.lun()
                            + ", " + size(disk.capacityBytes()) + ", " + access(disk.accessState()) + "."));
                });
                case LIST_POTENTIAL_CLUSTER_DISKS -> potentialDisks(findings);
                case VALIDATE_DISK_ACCESS_LATENCY -> eachReadyDisk(findings, disk -> findings.info("Disk "
                        + disk.lun() + ": reads from every node completed."));
                case VALIDATE_DISK_ARBITRATION -> eachReadyDisk(findings, disk -> arbitration(findings, disk, nodes));
                case VALIDATE_DISK_FAILOVER -> {
                    if (nodes.size() < 2) {
                        findings.warn("Only one node was selected: disk failover between nodes cannot be tested.");
                    }
                    eachReadyDisk(findings, disk -> failover(findings, disk));
                }
                case VALIDATE_SCSI_3_PERSISTENT_RESERVATION -> eachReadyDisk(findings, disk -> findings.info("Disk "
                        + disk.lun() + ": SCSI-3 persistent reservation register, reserve and release succeeded from"
                        + " every node."));
                case VALIDATE_ACTIVE_DIRECTORY_CONFIGURATION -> activeDirectory(findings, nodes);
                case VALIDATE_ALL_DRIVERS_SIGNED -> nodes.forEach(node -> findings.info(node.name() + ": no unsigned"
                        + " driver was found (exha models only Windows' own, signed drivers)."));
                case VALIDATE_OPERATING_SYSTEM_VERSIONS -> operatingSystems(findings, nodes);
                case VALIDATE_REQUIRED_SERVICES -> nodes.stream().filter(node -> validates(node.os().version()))
                        .forEach(node -> {
                            if (hasClusterService(node)) {
                                findings.info(node.name() + ": Cluster service (ClusSvc) installed.");
                            } else {
                                findings.fail("The Cluster service is not installed on " + node.name() + ": the"
                                        + " Failover-Clustering feature is missing. Install it (Server Manager: Add"
                                        + " Features, Failover Clustering; or ServerManagerCmd -i Failover-Clustering)"
                                        + " and validate again.");
                            }
                        });
                case VALIDATE_SAME_PROCESSOR_ARCHITECTURE -> same(findings, nodes, "processor architecture",
                        node -> node.os().architecture().name().toLowerCase(Locale.ROOT));
                case VALIDATE_SERVICE_PACK_LEVELS -> same(findings, nodes, "service pack",
                        node -> node.os().servicePack() == 0 ? "no service pack" : "Service Pack " + node.os().servicePack());
                case VALIDATE_SOFTWARE_UPDATE_LEVELS -> softwareUpdates(findings, nodes);
            }
            return findings.report();
        }

        private static TestReport cancelled(ValidationTest test, Set<String> nodes, String why) {
            List<String> messages = new ArrayList<>();
            for (String node : nodes) {
                messages.add("Canceled: " + node + " " + why + ".");
            }
            return new TestReport(test, TestResult.CANCELLED, messages);
        }

        // ---- inventory ---------------------------------------------------------------------------------------

        private static void hostBusAdapters(Findings findings, List<Host> nodes, boolean iscsi) {
            String kind = iscsi ? "iSCSI" : "Fibre Channel";
            for (Host node : nodes) {
                List<String> ports = node.initiators().stream().filter(name -> isIscsi(name) == iscsi).toList();
                findings.info(node.name() + ": " + (ports.isEmpty() ? "no " + kind + " host bus adapter"
                        : kind + " initiator" + (ports.size() == 1 ? " " : "s ") + String.join(", ", ports)) + ".");
            }
        }

        private static boolean isIscsi(String initiator) {
            String name = initiator.toLowerCase(Locale.ROOT);
            return name.startsWith("iqn.") || name.startsWith("eui.");
        }

        // ---- network -----------------------------------------------------------------------------------------

        private void clusterNetworks(Findings findings, List<Host> nodes) {
            Map<String, List<Attachment>> networks = attachments(nodes);
            if (networks.isEmpty()) {
                findings.fail("None of the nodes has a network adapter: the cluster would have no network.");
            }
            networks.forEach((network, attached) -> {
                findings.info("Network '" + network + "': " + String.join(", ", attached.stream()
                        .map(a -> a.node().name() + " " + a.nic().address() + "/" + a.nic().prefix()).toList()) + ".");
                List<String> missing = nodes.stream()
                        .filter(node -> attached.stream().noneMatch(a -> a.node() == node)).map(Host::name).toList();
                if (!missing.isEmpty()) {
                    findings.warn("Network '" + network + "' is not on every node: " + String.join(", ", missing)
                            + (missing.size() == 1 ? " has" : " have") + " no network adapter on it, so the cluster can"
                            + " use it only between the nodes that have one. Connect every node to it, or leave it"
                            + " out of the cluster.");
                }
            });
            if (target.clusterNetworks().isEmpty()) {
                return;
            }
            String cluster = target.cluster().orElse("the cluster");
            for (ClusterNetwork network : target.clusterNetworks()) {
                findings.info("Cluster network '" + network.name() + "' of " + cluster + ": " + switch (network.role()) {
                    case PUBLIC -> "client access only";
                    case PRIVATE -> "cluster communication only";
                    case MIXED -> "cluster communication and client access";
                } + ".");
                for (Host node : nodes) {
                    if (node.nics().stream().noneMatch(nic -> nic.network().equalsIgnoreCase(network.name()))) {
                        findings.fail(node.name() + " has no network adapter on cluster network '" + network.name()
                                + "' of " + cluster + ": connect it to that network.");
                    }
                }
            }
            if (target.clusterNetworks().stream().noneMatch(ClusterNetwork::carriesHeartbeats)) {
                findings.fail("No network of " + cluster + " allows cluster communication (every one is for client"
                        + " access only), so the nodes cannot exchange heartbeats: allow cluster communication on at"
                        + " least one network, preferably two.");
            }
        }

        private static void ipConfiguration(Findings findings, List<Host> nodes) {
            Map<String, List<Attachment>> byAddress = new TreeMap<>();
            for (Host node : nodes) {
                if (node.nics().isEmpty()) {
                    findings.fail(node.name() + " has no network adapter with an IPv4 address: a node needs at least"
                            + " one, and two for a network path without a single point of failure.");
                    continue;
                }
                findings.info(node.name() + ": " + String.join(", ", node.nics().stream()
                        .map(nic -> nic.name() + " " + nic.address() + "/" + nic.prefix()).toList()) + ".");
                Map<String, List<String>> bySubnet = new TreeMap<>();
                for (Nic nic : node.nics()) {
                    byAddress.computeIfAbsent(nic.address(), a -> new ArrayList<>()).add(new Attachment(node, nic));
                    bySubnet.computeIfAbsent(nic.subnet(), s -> new ArrayList<>()).add(nic.name());
                }
                bySubnet.forEach((subnet, names) -> {
                    if (names.size() > 1) {
                        findings.warn("Adapters " + String.join(" and ", names) + " of " + node.name() + " are on the"
                                + " same subnet " + subnet + ": the cluster uses one adapter per subnet on a node, so"
                                + " only one of them will be used. Team them, or put each on its own subnet.");
                    }
                });
            }
            byAddress.forEach((address, owners) -> {
                if (owners.size() > 1) {
                    findings.fail("IP address " + address + " is configured on more than one node: " + String.join(
                            " and ", owners.stream().map(a -> a.node().name() + " (" + a.nic().name() + ")").toList())
                            + ". Every address must be unique: change all but one.");
                }
            });
            attachments(nodes).forEach((network, attached) -> {
                Map<String, List<String>> subnets = new TreeMap<>();
                attached.forEach(a -> subnets.computeIfAbsent(a.nic().subnet(), s -> new ArrayList<>()).add(a.node().name()));
                if (subnets.size() > 1) {
                    List<String> parts = new ArrayList<>();
                    subnets.forEach((subnet, names) -> parts.add(String.join(", ", names) + " " + subnet));
                    findings.warn("The adapters on network '" + network + "' are on different subnets: "
                            + String.join("; ", parts) + ". Nodes reach each other directly only within one subnet:"
                            + " give them one subnet, or route between the subnets (a cluster across subnets needs an"
                            + " IP address resource for each subnet).");
                }
            });
        }

        private void networkCommunication(Findings findings, List<Host> nodes) {
            if (target.nodes().size() == 1) {
                findings.info("Only one node was selected: there is no communication between nodes to validate.");
                return;
            }
            for (int i = 0; i < nodes.size(); i++) {
                for (int j = i + 1; j < nodes.size(); j++) {
                    Host a = nodes.get(i);
                    Host b = nodes.get(j);
                    List<String> common = networks(a).stream().filter(n -> networks(b).stream()
                            .anyMatch(n::equalsIgnoreCase)).toList();
                    List<String> paths = common.stream().filter(n -> target.connectivity().reaches(a, b, n)).toList();
                    switch (paths.size()) {
                        case 0 -> findings.fail("Node " + a.name() + " cannot reach node " + b.name() + " on any"
                                + " network: " + unreachableBecause(a, b, common) + ".");
                        case 1 -> findings.warn("Node " + a.name() + " is reachable from node " + b.name() + " by only"
                                + " one pair of network interfaces (network '" + paths.get(0) + "'). It is possible"
                                + " that this network path is a single point of failure for communication within the"
                                + " cluster. Please verify that this single path is highly available or consider"
                                + " adding additional networks to the cluster.");
                        default -> findings.info("Node " + a.name() + " reaches node " + b.name() + " on networks "
                                + String.join(", ", paths) + ".");
                    }
                }
            }
        }

        private String unreachableBecause(Host a, Host b, List<String> common) {
            if (common.isEmpty()) {
                return "they share no network (" + a.name() + " is on " + String.join(", ", networks(a)) + "; "
                        + b.name() + " is on " + String.join(", ", networks(b)) + ")";
            }
            List<String> reasons = new ArrayList<>();
            for (String network : common) {
                if (target.connectivity().isCut(network)) {
                    reasons.add("network '" + network + "' is cut");
                    continue;
                }
                for (Host node : List.of(a, b)) {
                    node.nics().stream().filter(nic -> nic.network().equalsIgnoreCase(network))
                            .filter(nic -> !target.connectivity().isNicUp(node.name(), nic.name()))
                            .forEach(nic -> reasons.add("adapter '" + nic.name() + "' of " + node.name() + " is down"));
                }
            }
            if (!a.site().equalsIgnoreCase(b.site()) && target.connectivity().isPartitioned(a.site(), b.site())) {
                reasons.add("sites " + a.site() + " and " + b.site() + " are partitioned");
            }
            return reasons.isEmpty() ? "no path answered" : String.join("; ", reasons);
        }

        private static List<String> networks(Host node) {
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            node.nics().forEach(nic -> names.add(nic.network()));
            return List.copyOf(names);
        }

        /** The nodes' adapters by network name (ignoring case), networks sorted, nodes in target order. */
        private static Map<String, List<Attachment>> attachments(List<Host> nodes) {
            Map<String, List<Attachment>> networks = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Host node : nodes) {
                for (Nic nic : node.nics()) {
                    networks.computeIfAbsent(nic.network(), n -> new ArrayList<>()).add(new Attachment(node, nic));
                }
            }
            return networks;
        }

        // ---- storage -----------------------------------------------------------------------------------------

        /** The LUNs every node sees, sorted by array and LUN. */
        private List<SharedDisk> sharedDisks() {
            if (shared != null) {
                return shared;
            }
            Map<LunRef, SharedDisk> disks = new TreeMap<>(Comparator.comparing(LunRef::array).thenComparing(LunRef::lun));
            List<Host> nodes = target.nodes();
            Map<String, List<Disk>> seen = new LinkedHashMap<>();
            nodes.forEach(node -> seen.put(node.name(), node.disks()));
            for (Disk disk : seen.get(nodes.get(0).name())) {
                Map<String, Disk> numbers = new LinkedHashMap<>();
                for (Host node : nodes) {
                    seen.get(node.name()).stream().filter(d -> d.lun().equals(disk.lun())).findFirst()
                            .ifPresent(d -> numbers.put(node.name(), d));
                }
                if (numbers.size() == nodes.size()) {
                    disks.put(disk.lun(), new SharedDisk(disk.lun(), disk.capacityBytes(), disk.accessState(), numbers));
                }
            }
            shared = List.copyOf(disks.values());
            return shared;
        }

        private void potentialDisks(Findings findings) {
            List<SharedDisk> disks = sharedDisks();
            List<String> partial = new ArrayList<>();
            List<String> poweredOff = new ArrayList<>();
            for (StorageArray array : target.fabric().arrays()) {
                if (!array.isPoweredOn()) {
                    poweredOff.add("Array " + array.name() + " is powered off: the nodes see none of its LUNs.");
                    continue;
                }
                for (LunInfo lun : array.luns()) {
                    List<String> to = target.nodes().stream().map(Host::name)
                            .filter(node -> lun.presentedTo().stream().anyMatch(node::equalsIgnoreCase)).toList();
                    if (!to.isEmpty() && to.size() < target.nodes().size()) {
                        List<String> not = target.nodeNames().stream().filter(node -> !to.contains(node)).toList();
                        partial.add("LUN " + lun.ref() + " is presented to " + String.join(", ", to) + " only, not to "
                                + String.join(", ", not) + ": a disk not every node sees cannot be a cluster disk."
                                + " Present it to every node (LUN masking) if the cluster should use it.");
                    }
                }
            }
            if (disks.isEmpty()) {
                findings.fail("No disks were found on which to perform cluster validation tests: no LUN is presented"
                        + " to every node. (A cluster without shared storage, such as a CCR cluster, skips the Storage"
                        + " tests.)");
                partial.forEach(findings::fail);
                poweredOff.forEach(findings::fail);
                return;
            }
            for (SharedDisk disk : disks) {
                findings.info(disk.lun() + " (" + size(disk.capacityBytes()) + ", " + access(disk.access())
                        + ") is seen by every node: " + String.join(", ", disk.disks().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue().displayName()).toList()) + ".");
            }
            partial.forEach(findings::warn);
        }

        /** Fails each disk that is not ready (every disk test needs I/O); hands the others to {@code test}. */
        private void eachReadyDisk(Findings findings, Consumer<SharedDisk> test) {
            for (SharedDisk disk : sharedDisks()) {
                if (disk.access() == AccessState.NOT_READY) {
                    findings.fail("Disk " + disk.lun() + " did not answer from " + String.join(", ", disk.disks().keySet())
                            + ": The device is not ready (21). Its LUN is NOT_READY on array " + disk.lun().array()
                            + ".");
                } else {
                    test.accept(disk);
                }
            }
        }

        private static void arbitration(Findings findings, SharedDisk disk, List<Host> nodes) {
            List<String> users = new ArrayList<>();
            for (Host node : nodes) {
                for (Map.Entry<DriveLetter, Volume> volume : node.volumes().entrySet()) {
                    if (!volume.getKey().equals(DriveLetter.SYSTEM) && volume.getValue().device().lun().equals(disk.lun())) {
                        users.add(node.name() + " (" + volume.getKey() + ")");
                    }
                }
            }
            if (users.isEmpty()) {
                findings.info("Disk " + disk.lun() + ": one node at a time could reserve it.");
            } else {
                findings.warn("Disk " + disk.lun() + " is in use: its volume is mounted on " + String.join(", ", users)
                        + ", so it was not arbitrated. Dismount it, or validate it once the cluster owns it as a"
                        + " Physical Disk resource.");
            }
        }

        private static void failover(Findings findings, SharedDisk disk) {
            if (disk.access() == AccessState.READ_ONLY) {
                findings.fail("Disk " + disk.lun() + " could not be brought online after failover: The media is write"
                        + " protected (19). The LUN is READ_ONLY, as a replication target is: make it writable before"
                        + " clustering it, or leave it out.");
            } else {
                findings.info("Disk " + disk.lun() + " failed over between every node and was written by each.");
            }
        }

        // ---- system configuration ----------------------------------------------------------------------------

        private static void activeDirectory(Findings findings, List<Host> nodes) {
            Map<String, List<String>> domains = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Host node : nodes) {
                Optional<String> domain = node.domain();
                if (domain.isEmpty()) {
                    findings.fail(node.name() + " is not a member of a domain (it is in workgroup "
                            + node.workgroup().orElse("WORKGROUP") + "). Every node of a Windows Server 2008 failover"
                            + " cluster must be a member of the same Active Directory domain: join it to the domain.");
                } else {
                    domains.computeIfAbsent(domain.get(), d -> new ArrayList<>()).add(node.name());
                }
            }
            if (domains.size() > 1) {
                List<String> parts = new ArrayList<>();
                domains.forEach((domain, names) -> parts.add(String.join(", ", names) + " in " + domain));
                findings.fail("The nodes are not all members of the same domain: " + String.join("; ", parts)
                        + ". Every node must be a member of the same Active Directory domain.");
            } else if (domains.size() == 1) {
                findings.info(String.join(", ", domains.values().iterator().next()) + ": member of domain "
                        + domains.keySet().iterator().next() + ".");
            }
        }

        private static void operatingSystems(Findings findings, List<Host> nodes) {
            nodes.forEach(node -> findings.info(node.name() + ": " + node.os().caption() + "."));
            same(findings, nodes, "version of Windows", node -> node.os().version().displayName());
            for (Host node : nodes) {
                if (!node.os().edition().supportsFailoverClustering()) {
                    findings.fail(node.name() + " runs " + node.os().caption() + ": failover clustering needs the"
                            + " Enterprise or Datacenter edition.");
                }
            }
        }

        /** Fails unless every node has the same value of {@code property}. */
        private static void same(Findings findings, List<Host> nodes, String property,
                Function<Host, String> value) {
            Map<String, List<String>> byValue = new LinkedHashMap<>();
            nodes.forEach(node -> byValue.computeIfAbsent(value.apply(node), v -> new ArrayList<>()).add(node.name()));
            if (byValue.size() > 1) {
                List<String> parts = new ArrayList<>();
                byValue.forEach((v, names) -> parts.add(String.join(", ", names) + " " + v));
                findings.fail("The nodes do not all have the same " + property + ": " + String.join("; ", parts)
                        + ". Every node must have the same " + property + ".");
            } else if (byValue.size() == 1) {
                findings.info("Every node has " + byValue.keySet().iterator().next() + ".");
            }
        }

        private static void softwareUpdates(Findings findings, List<Host> nodes) {
            Set<String> all = new TreeSet<>(Comparator.comparingInt((String kb) -> Integer.parseInt(kb.substring(2))));
            nodes.forEach(node -> all.addAll(node.hotfixes()));
            boolean same = true;
            for (Host node : nodes) {
                List<String> missing = all.stream().filter(kb -> !node.hasHotfix(kb)).toList();
                if (!missing.isEmpty()) {
                    same = false;
                    findings.warn(node.name() + " is missing software updates that other nodes have: "
                            + String.join(", ", missing) + ". Install the same updates on every node.");
                }
            }
            if (same) {
                findings.info("Every node has the same software updates"
                        + (all.isEmpty() ? " (none)." : ": " + String.join(", ", all) + "."));
            }
        }

        // ---- words -------------------------------------------------------------------------------------------

        private static boolean hasClusterService(Host node) {
            return node.hasFeature(ServerFeature.FAILOVER_CLUSTERING);
        }

        private static String membership(Host node) {
            return node.domain().map(domain -> "member of domain " + domain)
                    .orElseGet(() -> "workgroup " + node.workgroup().orElse("WORKGROUP"));
        }

        private static String power(PowerState state) {
            return switch (state) {
                case ON -> "running";
                case OFF -> "powered off";
                case CRASHED -> "down (it crashed)";
                case BOOTING -> "still booting";
                case SHUTTING_DOWN -> "shutting down";
            };
        }

        private static String access(AccessState state) {
            return switch (state) {
                case READ_WRITE -> "read-write";
                case READ_ONLY -> "read-only";
                case NOT_READY -> "not ready";
            };
        }

        private static String count(int n, String noun) {
            return n + " " + noun + (n == 1 ? "" : "s");
        }

        private static String size(long bytes) {
            String[] units = {"bytes", "KB", "MB", "GB", "TB"};
            int unit = 0;
            long value = bytes;
            while (unit < units.length - 1 && value >= 1024 && value % 1024 == 0) {
                value /= 1024;
                unit++;
            }
            return value + " " + units[unit];
        }
    }

    /** What one test found so far: its messages and its worst result. */
    private static final class Findings {
        private final ValidationTest test;
        private final List<String> messages = new ArrayList<>();
        private TestResult result = TestResult.PASSED;

        Findings(ValidationTest test) {
            this.test = test;
        }

        void info(String message) {
            messages.add(message);
        }

        void warn(String message) {
            messages.add(message);
            if (result == TestResult.PASSED) {
                result = TestResult.WARNING;
            }
        }

        void fail(String message) {
            messages.add(message);
            result = TestResult.FAILED;
        }

        TestReport report() {
            return new TestReport(test, result, messages);
        }
    }

    /** One node's adapter on a network. */
    private record Attachment(Host node, Nic nic) {
    }

    /**
     * A LUN every node sees.
     *
     * @param disks each node's disk for it, by node name in target order
     */
    private record SharedDisk(LunRef lun, long capacityBytes, AccessState access, Map<String, Disk> disks) {
    }
}
