package io.github.exha.exchange.clustering;

/** The State of Get-ClusteredMailboxServerStatus, derived from the CMS group's resources. */
public enum ClusteredMailboxServerState {
    /** Every resource online. */
    ONLINE("Online"),
    /** Some resources online, none pending or failed. */
    PARTIALLY_ONLINE("PartiallyOnline"),
    /** Resources coming online. */
    ONLINE_PENDING("OnlinePending"),
    /** Every resource offline. */
    OFFLINE("Offline"),
    /** Resources going offline. */
    OFFLINE_PENDING("OfflinePending"),
    /** A resource failed. */
    FAILED("Failed");

    private final String displayName;

    ClusteredMailboxServerState(String displayName) {
        this.displayName = displayName;
    }

    /** The name EMS prints. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
