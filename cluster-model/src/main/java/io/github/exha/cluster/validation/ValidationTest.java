package io.github.exha.cluster.validation;

import static io.github.exha.cluster.validation.ValidationCategory.INVENTORY;
import static io.github.exha.cluster.validation.ValidationCategory.NETWORK;
import static io.github.exha.cluster.validation.ValidationCategory.STORAGE;
import static io.github.exha.cluster.validation.ValidationCategory.SYSTEM_CONFIGURATION;

/**
 * The validation tests exha runs, by their Windows Server 2008 names, in the order the wizard runs them. A subset of
 * the real list: the tests whose subject the model holds (exha models no running processes, memory, Plug and Play
 * devices or environment variables, so those inventory tests are left out).
 */
public enum ValidationTest {
    /** Lists each node's BIOS (exha simulates no firmware, so it says so). */
    LIST_BIOS_INFORMATION("List BIOS Information", INVENTORY, "List the BIOS information of each node."),
    /** Lists each node's Fibre Channel initiators (WWPNs). */
    LIST_FIBRE_CHANNEL_HOST_BUS_ADAPTERS("List Fibre Channel Host Bus Adapters", INVENTORY,
            "List the Fibre Channel host bus adapters of each node."),
    /** Lists each node's iSCSI initiators (IQNs). */
    LIST_ISCSI_HOST_BUS_ADAPTERS("List iSCSI Host Bus Adapters", INVENTORY,
            "List the iSCSI host bus adapters of each node."),
    /** Lists each node's Windows installation and domain membership. */
    LIST_OPERATING_SYSTEM_INFORMATION("List Operating System Information", INVENTORY,
            "List the operating system of each node."),
    /** Lists whether each node has the Cluster service. */
    LIST_SERVICES_INFORMATION("List Services Information", INVENTORY, "List the cluster-related services of each node."),
    /** Lists each node's installed hotfixes. */
    LIST_SOFTWARE_UPDATES("List Software Updates", INVENTORY, "List the software updates installed on each node."),
    /** Lists each node's site, architecture, adapters and initiators. */
    LIST_SYSTEM_INFORMATION("List System Information", INVENTORY, "List the system information of each node."),

    /** The networks the nodes share, and the cluster's networks when an existing cluster is validated. */
    VALIDATE_CLUSTER_NETWORK_CONFIGURATION("Validate Cluster Network Configuration", NETWORK,
            "Validate the networks the cluster would use."),
    /** Addresses: none duplicated, one subnet per network, one adapter per subnet on a node. */
    VALIDATE_IP_CONFIGURATION("Validate IP Configuration", NETWORK, "Validate the IP configuration of each node."),
    /** Every pair of nodes reaches each other, on more than one network path. */
    VALIDATE_NETWORK_COMMUNICATION("Validate Network Communication", NETWORK,
            "Validate that the nodes can communicate on every network."),
    /** The Windows Firewall lets cluster traffic through (its rules come with the Failover-Clustering feature). */
    VALIDATE_WINDOWS_FIREWALL_CONFIGURATION("Validate Windows Firewall Configuration", NETWORK,
            "Validate that the Windows Firewall allows cluster communication."),

    /** Lists the SAN disks each node sees. */
    LIST_ALL_DISKS("List All Disks", STORAGE, "List the disks each node sees."),
    /** Lists the disks every node sees, which alone can be cluster disks. */
    LIST_POTENTIAL_CLUSTER_DISKS("List Potential Cluster Disks", STORAGE,
            "List the disks that every node sees and that can be cluster disks."),
    /** Every potential cluster disk answers reads from every node. */
    VALIDATE_DISK_ACCESS_LATENCY("Validate Disk Access Latency", STORAGE,
            "Validate that every node can read every potential cluster disk."),
    /** Every potential cluster disk can be reserved by one node at a time, which needs it not to be in use. */
    VALIDATE_DISK_ARBITRATION("Validate Disk Arbitration", STORAGE,
            "Validate that one node at a time can reserve every potential cluster disk."),
    /** Every potential cluster disk can be taken over, and written, by every other node. */
    VALIDATE_DISK_FAILOVER("Validate Disk Failover", STORAGE,
            "Validate that every potential cluster disk can fail over between the nodes."),
    /** Every potential cluster disk accepts SCSI-3 persistent reservations, which Windows Server 2008 needs. */
    VALIDATE_SCSI_3_PERSISTENT_RESERVATION("Validate SCSI-3 Persistent Reservation", STORAGE,
            "Validate that every potential cluster disk supports SCSI-3 persistent reservations."),

    /** Every node is a member of the same Active Directory domain. */
    VALIDATE_ACTIVE_DIRECTORY_CONFIGURATION("Validate Active Directory Configuration", SYSTEM_CONFIGURATION,
            "Validate that every node is a member of the same domain."),
    /** No node has an unsigned driver. */
    VALIDATE_ALL_DRIVERS_SIGNED("Validate All Drivers Signed", SYSTEM_CONFIGURATION,
            "Validate that every driver on the nodes is signed."),
    /** Every node runs the same Windows version, an edition with failover clustering. */
    VALIDATE_OPERATING_SYSTEM_VERSIONS("Validate Operating System Versions", SYSTEM_CONFIGURATION,
            "Validate that every node runs the same Windows version, in an edition with failover clustering."),
    /** Every node has the Cluster service (the Failover-Clustering feature). */
    VALIDATE_REQUIRED_SERVICES("Validate Required Services", SYSTEM_CONFIGURATION,
            "Validate that every node has the services a cluster needs."),
    /** Every node has the same processor architecture. */
    VALIDATE_SAME_PROCESSOR_ARCHITECTURE("Validate Same Processor Architecture", SYSTEM_CONFIGURATION,
            "Validate that every node has the same processor architecture."),
    /** Every node has the same service pack. */
    VALIDATE_SERVICE_PACK_LEVELS("Validate Service Pack Levels", SYSTEM_CONFIGURATION,
            "Validate that every node has the same service pack."),
    /** Every node has the same software updates. */
    VALIDATE_SOFTWARE_UPDATE_LEVELS("Validate Software Update Levels", SYSTEM_CONFIGURATION,
            "Validate that every node has the same software updates.");

    private final String displayName;
    private final ValidationCategory category;
    private final String description;

    ValidationTest(String displayName, ValidationCategory category, String description) {
        this.displayName = displayName;
        this.category = category;
        this.description = description;
    }

    /** The test's name in the wizard and the report, for example {@code Validate Service Pack Levels}. */
    public String displayName() {
        return displayName;
    }

    /** The category it belongs to. */
    public ValidationCategory category() {
        return category;
    }

    /** One sentence saying what it checks. */
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
