package io.github.exha.cluster.failover;

/** The state of a cluster resource (CLUSTER_RESOURCE_STATE). */
public enum ResourceState {
    /** Running on the group's owner node. */
    ONLINE("Online"),
    /** Not running. */
    OFFLINE("Offline"),
    /** Failed; not running anywhere. */
    FAILED("Failed"),
    /** Being brought online on the group's owner node. */
    ONLINE_PENDING("OnlinePending"),
    /** Being taken offline on the node it ran on. */
    OFFLINE_PENDING("OfflinePending"),
    /** Being created; the engine never leaves a resource here. */
    INITIALIZING("Initializing"),
    /** The state cannot be determined; the engine never uses it. */
    UNKNOWN("Unknown");

    private final String displayName;

    ResourceState(String displayName) {
        this.displayName = displayName;
    }

    /** The name Windows shows, for example {@code OnlinePending}. */
    public String displayName() {
        return displayName;
    }

    /** Whether the resource occupies its node: online or on its way in or out. */
    public boolean isActive() {
        switch (this) {
            case ONLINE:
            case ONLINE_PENDING:
            case OFFLINE_PENDING:
                return true;
            case OFFLINE:
            case FAILED:
            case INITIALIZING:
            case UNKNOWN:
                return false;
        }
        throw new AssertionError(this);
    }

    /** Whether the resource is in a pending state. */
    public boolean isPending() {
        switch (this) {
            case ONLINE_PENDING:
            case OFFLINE_PENDING:
            case INITIALIZING:
                return true;
            case ONLINE:
            case OFFLINE:
            case FAILED:
            case UNKNOWN:
                return false;
        }
        throw new AssertionError(this);
    }
}
