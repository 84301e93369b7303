package io.github.exha.cluster.host;

/** Windows Server editions. */
public enum WindowsEdition {
    /** Standard Edition: no failover clustering. */
    STANDARD,
    /** Enterprise Edition: failover clustering up to 8 nodes (2003) or 16 nodes (2008). */
    ENTERPRISE,
    /** Datacenter Edition: failover clustering. */
    DATACENTER;

    /** Whether the edition includes failover clustering (DOMAIN.md §4: Enterprise or Datacenter). */
    public boolean supportsFailoverClustering() {
        return switch (this) {
            case STANDARD -> false;
            case ENTERPRISE, DATACENTER -> true;
        };
    }
}
