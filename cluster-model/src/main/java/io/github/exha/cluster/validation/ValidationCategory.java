package io.github.exha.cluster.validation;

/** The four categories of the Windows Server 2008 validation tests, in the order the wizard runs them. */
public enum ValidationCategory {
    /** Lists what each node has: BIOS, host bus adapters, operating system, services, updates. */
    INVENTORY("Inventory"),
    /** Networks, IP configuration, communication between the nodes, firewall. */
    NETWORK("Network"),
    /** Disks every node sees and whether they can be clustered (reservations, arbitration, failover). */
    STORAGE("Storage"),
    /** Domain membership and that the nodes run the same Windows with the required services. */
    SYSTEM_CONFIGURATION("System Configuration");

    private final String displayName;

    ValidationCategory(String displayName) {
        this.displayName = displayName;
    }

    /** The name the wizard and {@code Test-Cluster -Include} use, for example {@code System Configuration}. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
